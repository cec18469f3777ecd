using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NPCS.Reviews.Application.Features.Debrief;
using NPCS.Reviews.Web.Infrastructure;

namespace NPCS.Reviews.Web.Pages.Reviews.Debrief.DecisionPoints;

/// <summary>What the shared decision-point fields need: the form's prefix, its values, the chronology to link to, and whether it takes focus on load.</summary>
public sealed record DecisionPointForm(string Prefix, DecisionPointFields Values, IReadOnlyList<ChronologyItem> Chronology, bool Autofocus);

/// <summary>Corrects one decision point; back to the list after saving.</summary>
public class EditModel(ISender sender) : PageModel, IReloadOnError
{
    [FromRoute]
    public int Id { get; set; }

    [FromRoute]
    public int PointId { get; set; }

    public EditDecisionPoint.Result? View { get; private set; }

    [BindProperty]
    public EditDecisionPoint.Command Data { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await ReloadAsync(ct);
        if (!View!.Editable)
        {
            TempData["Flash"] = "Decision points can be changed only while the review is at Debrief.";
            return RedirectToPage("Index", new { id = Id });
        }

        Data = View.Data;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Data.Id = Id;
        Data.PointId = PointId;

        // Values that cannot even be read (a hand-made post) are shown back, not saved without them.
        if (!ModelState.IsValid)
        {
            await ReloadAsync(ct);
            return Page();
        }

        await sender.Send(Data, ct);
        TempData["Flash"] = "Decision point saved.";
        return RedirectToPage("Index", null, new { id = Id }, $"point-{PointId}");
    }

    public async Task ReloadAsync(CancellationToken ct) => View = await sender.Send(new EditDecisionPoint.Query(Id, PointId), ct);
}
