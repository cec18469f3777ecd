using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NPCS.Reviews.Application.Features.Findings;
using NPCS.Reviews.Web.Infrastructure;

namespace NPCS.Reviews.Web.Pages.Reviews.Findings;

/// <summary>Adds a recommendation / action under one finding.</summary>
public class NewActionModel(ISender sender) : PageModel, IReloadOnError
{
    [FromRoute]
    public int Id { get; set; }

    [FromRoute]
    public int FindingId { get; set; }

    public GetFindings.Result? View { get; private set; }

    public GetFindings.FindingView? Finding { get; private set; }

    [BindProperty]
    public AddAction.Command Data { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await ReloadAsync(ct);
        if (!View!.Editable)
        {
            TempData["Flash"] = View.ReadOnlyReason;
            return RedirectToPage("Index", new { id = Id });
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Data.Id = Id;
        Data.FindingId = FindingId;
        if (!ModelState.IsValid)
        {
            ModelState.AddModelError(string.Empty, IndexModel.UnreadableMessage);
            await ReloadAsync(ct);
            return Page();
        }

        await sender.Send(Data, ct);
        TempData["Flash"] = "Action added.";
        return RedirectToPage("Index", null, new { id = Id }, $"finding-{FindingId}");
    }

    public async Task ReloadAsync(CancellationToken ct)
    {
        View = await sender.Send(new GetFindings.Query(Id), ct);

        // A finding of another review is not found, as the handler would say.
        Finding = View.Findings.FirstOrDefault(f => f.Id == FindingId)
            ?? throw new Application.Common.NotFoundException();
    }
}
