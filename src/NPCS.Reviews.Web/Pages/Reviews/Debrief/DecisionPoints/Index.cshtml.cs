using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NPCS.Reviews.Application.Features.Debrief;
using NPCS.Reviews.Web.Infrastructure;

namespace NPCS.Reviews.Web.Pages.Reviews.Debrief.DecisionPoints;

/// <summary>The review's decision points in date order, for the debrief team; managers edit and delete them at Debrief.</summary>
public class IndexModel(ISender sender) : PageModel, IReloadOnError
{
    [FromRoute]
    public int Id { get; set; }

    public ListDecisionPoints.Result? View { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await ReloadAsync(ct);

    public async Task<IActionResult> OnPostDeleteAsync(int pointId, Guid version, CancellationToken ct)
    {
        await sender.Send(new DeleteDecisionPoint.Command(Id, pointId, version), ct);
        TempData["Flash"] = "Decision point deleted.";
        return RedirectToPage(new { id = Id });
    }

    public async Task ReloadAsync(CancellationToken ct) => View = await sender.Send(new ListDecisionPoints.Query(Id), ct);
}
