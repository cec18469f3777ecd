using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NPCS.Reviews.Application.Features.Debrief;
using NPCS.Reviews.Web.Infrastructure;

namespace NPCS.Reviews.Web.Pages.Reviews.Debrief.Sessions;

/// <summary>One debrief session for the review team: participants, ground rules status, reschedule and cancel.</summary>
public class DetailsModel(ISender sender) : PageModel, IReloadOnError, IHasFormPrefix
{
    private bool _reschedulePosted;

    [FromRoute]
    public int Id { get; set; }

    [FromRoute]
    public int SessionId { get; set; }

    public GetSession.Result? View { get; private set; }

    [BindProperty]
    public RescheduleSession.Command Reschedule { get; set; } = new();

    [BindProperty]
    public CancelSession.Command Cancel { get; set; } = new();

    [BindProperty]
    public AddStaffParticipant.Command Staff { get; set; } = new();

    [BindProperty]
    public AddOutsideParticipant.Command Outside { get; set; } = new();

    public string FormPrefix { get; private set; } = nameof(Reschedule);

    public Task OnGetAsync(CancellationToken ct) => ReloadAsync(ct);

    public async Task<IActionResult> OnPostRescheduleAsync(CancellationToken ct)
    {
        _reschedulePosted = true;
        (Reschedule.Id, Reschedule.SessionId) = (Id, SessionId);
        await sender.Send(Reschedule, ct);
        return Done("Session changed.");
    }

    public async Task<IActionResult> OnPostCancelAsync(CancellationToken ct)
    {
        FormPrefix = nameof(Cancel);
        (Cancel.Id, Cancel.SessionId) = (Id, SessionId);
        await sender.Send(Cancel, ct);
        return Done("Session cancelled.");
    }

    public async Task<IActionResult> OnPostAddStaffAsync(CancellationToken ct)
    {
        FormPrefix = nameof(Staff);
        (Staff.Id, Staff.SessionId) = (Id, SessionId);
        await sender.Send(Staff, ct);
        return Done("Participant added.");
    }

    public async Task<IActionResult> OnPostAddOutsideAsync(CancellationToken ct)
    {
        FormPrefix = nameof(Outside);
        (Outside.Id, Outside.SessionId) = (Id, SessionId);
        await sender.Send(Outside, ct);
        return Done("Participant added.");
    }

    public async Task<IActionResult> OnPostRemoveAsync(int participantId, Guid version, CancellationToken ct)
    {
        await sender.Send(new RemoveParticipant.Command(Id, SessionId, participantId, version), ct);
        return Done("Participant removed.");
    }

    public async Task ReloadAsync(CancellationToken ct)
    {
        View = await sender.Send(new GetSession.Query(Id, SessionId), ct);

        // The reschedule form starts from the saved session, unless it is the form that just failed (its input is kept).
        if (View.CanChange && !_reschedulePosted)
        {
            Reschedule = await sender.Send(new RescheduleSession.Query(Id, SessionId), ct);
        }
    }

    private RedirectToPageResult Done(string flash)
    {
        TempData["Flash"] = flash;
        return RedirectToPage(new { id = Id, sessionId = SessionId });
    }
}
