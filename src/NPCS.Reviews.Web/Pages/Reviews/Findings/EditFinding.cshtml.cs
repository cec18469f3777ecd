using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NPCS.Reviews.Application.Features.Findings;
using NPCS.Reviews.Web.Infrastructure;

namespace NPCS.Reviews.Web.Pages.Reviews.Findings;

/// <summary>Changes one finding: factor, rating, description, evidence and the reason for no action.</summary>
public class EditFindingModel(ISender sender) : PageModel, IReloadOnError
{
    [FromRoute]
    public int Id { get; set; }

    [FromRoute]
    public int FindingId { get; set; }

    public GetFindings.Result? View { get; private set; }

    /// <summary>The finding's own factor when the current catalog no longer offers it (retired or from an older catalog).</summary>
    public GetFindings.Factor? KeptFactor { get; private set; }

    [BindProperty]
    public EditFinding.Command Data { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Data = await sender.Send(new EditFinding.Query(Id, FindingId), ct);
        if (!Data.Editable)
        {
            TempData["Flash"] = "The findings cannot be changed at this stage.";
            return RedirectToPage("Index", new { id = Id });
        }

        await ReloadAsync(ct);
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
        TempData["Flash"] = "Finding saved.";
        return RedirectToPage("Index", null, new { id = Id }, $"finding-{FindingId}");
    }

    public async Task ReloadAsync(CancellationToken ct)
    {
        View = await sender.Send(new GetFindings.Query(Id), ct);

        // A finding of another review (or another jurisdiction's) is not found, as the handler would say.
        var own = (View.Findings.FirstOrDefault(f => f.Id == FindingId) ?? throw new Application.Common.NotFoundException()).Factor;
        KeptFactor = own is not null && !View.Factors.Any(g => g.Items.Any(i => i.Id == own.Id)) ? own : null;
    }
}
