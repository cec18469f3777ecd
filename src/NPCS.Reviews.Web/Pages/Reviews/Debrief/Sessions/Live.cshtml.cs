using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NPCS.Reviews.Application.Features.Debrief;
using NPCS.Reviews.Web.Infrastructure;

namespace NPCS.Reviews.Web.Pages.Reviews.Debrief.Sessions;

/// <summary>
/// The facilitator's live page for a running session. Every form saves at once and comes back here
/// (post/redirect/get), with a status message and focus in the capture form, ready for the next item.
/// </summary>
public class LiveModel(ISender sender) : PageModel, IReloadOnError, IHasFormPrefix
{
    // Not "Flash": the review header shows that one, and this page announces its own status.
    private const string StatusKey = "LiveStatus";

    [FromRoute]
    public int Id { get; set; }

    [FromRoute]
    public int SessionId { get; set; }

    public GetLiveSession.Result? View { get; private set; }

    /// <summary>What was just saved ("Decision point 3 saved."), shown in the page's status region.</summary>
    public string? Status { get; private set; }

    [BindProperty]
    public RecordGroundRules.Command Rules { get; set; } = new();

    [BindProperty]
    public AddDecisionPoint.Command Capture { get; set; } = new();

    [BindProperty]
    public SaveSessionNotes.Command Notes { get; set; } = new();

    public string FormPrefix { get; private set; } = "Data";

    public async Task OnGetAsync(CancellationToken ct)
    {
        Status = TempData[StatusKey] as string;
        await ReloadAsync(ct);
    }

    public async Task<IActionResult> OnPostGroundRulesAsync(CancellationToken ct)
    {
        FormPrefix = nameof(Rules);
        Rules.Id = Id;
        Rules.SessionId = SessionId;
        if (!await InputReadableAsync(ct))
        {
            return Page();
        }

        await sender.Send(Rules, ct);
        var agreed = Rules.Agreed.Distinct().Count();
        return Saved($"Ground rules recorded: {agreed} {(agreed == 1 ? "participant" : "participants")} agreed.", fragment: null);
    }

    public async Task<IActionResult> OnPostCaptureAsync(CancellationToken ct)
    {
        FormPrefix = nameof(Capture);
        Capture.Id = Id;
        Capture.SessionId = SessionId;
        if (!await InputReadableAsync(ct))
        {
            return Page();
        }

        var number = await sender.Send(Capture, ct);
        return Saved($"Decision point {number} saved.", fragment: null);
    }

    public async Task<IActionResult> OnPostNotesAsync(CancellationToken ct)
    {
        FormPrefix = nameof(Notes);
        Notes.Id = Id;
        Notes.SessionId = SessionId;
        await sender.Send(Notes, ct);
        return Saved("Notes saved.", "notes");
    }

    public async Task<IActionResult> OnPostHeldAsync(Guid version, CancellationToken ct)
    {
        await sender.Send(new MarkSessionHeld.Command(Id, SessionId, version), ct);
        return Saved("Session marked as held.", "held");
    }

    public async Task ReloadAsync(CancellationToken ct)
    {
        View = await sender.Send(new GetLiveSession.Query(Id, SessionId), ct);

        // The form that was posted keeps what was typed (and the version it was loaded with, so a
        // conflict stays a conflict); the others show what is saved.
        if (FormPrefix != nameof(Rules))
        {
            Rules = new() { Version = View.Session.Version, Agreed = [.. View.Participants.Where(p => p.Agreed).Select(p => p.Id)] };
        }

        if (FormPrefix != nameof(Notes))
        {
            Notes = new() { Version = View.Session.Version, Notes = View.Session.Notes };
        }

        if (FormPrefix != nameof(Capture))
        {
            Capture = new();
        }
    }

    /// <summary>
    /// A hand-made post whose values cannot even be read (a pressure or a participant that is not a
    /// number or a listed value) is shown back with the binder's messages instead of being saved without them.
    /// </summary>
    private async Task<bool> InputReadableAsync(CancellationToken ct)
    {
        if (!ModelState.FindKeysWithPrefix(FormPrefix).Any(entry => entry.Value.ValidationState == ModelValidationState.Invalid))
        {
            return true;
        }

        await ReloadAsync(ct);
        return false;
    }

    /// <summary>
    /// Back to this page. Without a fragment the capture form's autofocus puts the cursor in its first
    /// field (browsers skip autofocus when the address names a fragment); notes and "held" come back
    /// to their own section instead.
    /// </summary>
    private RedirectToPageResult Saved(string message, string? fragment)
    {
        TempData[StatusKey] = message;
        return RedirectToPage(null, null, new { id = Id, sessionId = SessionId }, fragment);
    }
}
