using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NPCS.Reviews.Application.Features.Debrief;
using NPCS.Reviews.Web.Infrastructure;

namespace NPCS.Reviews.Web.Pages.Reviews.Debrief;

/// <summary>The debrief overview: first-debrief due date, sessions, scheduling and completing the debrief.</summary>
public class IndexModel(ISender sender) : PageModel, IReloadOnError, IHasFormPrefix
{
    [FromRoute]
    public int Id { get; set; }

    public GetDebrief.Result? View { get; private set; }

    [BindProperty]
    public ScheduleSession.Command Schedule { get; set; } = new();

    public string FormPrefix => nameof(Schedule);

    public async Task OnGetAsync(CancellationToken ct)
    {
        await ReloadAsync(ct);
        Schedule.FacilitatorId = View!.DefaultFacilitatorId;
    }

    public async Task<IActionResult> OnPostScheduleAsync(CancellationToken ct)
    {
        Schedule.Id = Id;
        var sessionId = await sender.Send(Schedule, ct);
        TempData["Flash"] = "Session scheduled. Add its participants here.";
        return RedirectToPage("Sessions/Details", new { id = Id, sessionId });
    }

    public async Task<IActionResult> OnPostCompleteAsync(Guid version, CancellationToken ct)
    {
        await sender.Send(new CompleteDebrief.Command(Id, version), ct);
        TempData["Flash"] = "Debrief completed. The review moves on to findings.";
        return RedirectToPage("/Reviews/Details", new { id = Id });
    }

    public async Task ReloadAsync(CancellationToken ct) => View = await sender.Send(new GetDebrief.Query(Id), ct);
}
