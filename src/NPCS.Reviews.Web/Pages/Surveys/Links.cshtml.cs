using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NPCS.Reviews.Application.Features.Surveys;

namespace NPCS.Reviews.Web.Pages.Surveys;

/// <summary>
/// Invitation links of a wave. Only their hashes are stored, so the list exists only in the answer
/// to the post that makes it: copy it or print it then. Making it again replaces the unused links.
/// </summary>
public class LinksModel(ISender sender) : PageModel
{
    public GetWaveResults.Result? Wave { get; private set; }

    public MakeLinks.Result? Made { get; private set; }

    public async Task OnGetAsync(int waveId, CancellationToken ct) => Wave = await sender.Send(new GetWaveResults.Query(waveId), ct);

    public async Task<IActionResult> OnPostAsync(int waveId, CancellationToken ct)
    {
        Wave = await sender.Send(new GetWaveResults.Query(waveId), ct);
        Made = await sender.Send(new MakeLinks.Command(waveId), ct);

        // The links are bearer secrets: no cache may keep the page that lists them.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    /// <summary>The address a token opens on this site (keeps any path base).</summary>
    public string LinkFor(string token) => Url.Page("/Survey/Answer", null, new { token }, Request.Scheme)!;
}
