using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NPCS.Reviews.Application.Features.Findings;
using NPCS.Reviews.Web.Infrastructure;

namespace NPCS.Reviews.Web.Pages.Reviews.Findings;

/// <summary>
/// Findings and their actions, the add-finding form and submitting for approval, each its own form.
/// Actions are added and changed on their own pages, so each error lands in the one form it belongs to.
/// </summary>
public class IndexModel(ISender sender) : PageModel, IReloadOnError, IHasFormPrefix
{
    public const string UnreadableMessage = "Some of what was sent could not be read. Nothing was saved: reload the page and try again.";

    [FromRoute]
    public int Id { get; set; }

    public GetFindings.Result? View { get; private set; }

    [BindProperty]
    public AddFinding.Command Finding { get; set; } = new();

    [BindProperty]
    public SubmitForApproval.Command Submit { get; set; } = new();

    public string FormPrefix { get; private set; } = string.Empty;

    public async Task OnGetAsync(CancellationToken ct) => await ReloadAsync(ct);

    public async Task<IActionResult> OnPostAddFindingAsync(CancellationToken ct)
    {
        FormPrefix = nameof(Finding);
        Finding.Id = Id;
        return await SendAsync(async () => await sender.Send(Finding, ct), "Finding added.", RedirectToPage(null, null, new { id = Id }, "findings"), ct);
    }

    public async Task<IActionResult> OnPostDeleteFindingAsync(int findingId, Guid version, CancellationToken ct) =>
        await SendAsync(async () => await sender.Send(new DeleteFinding.Command(Id, findingId, version), ct), "Finding removed, with its actions.", RedirectToPage(null, null, new { id = Id }, "findings"), ct);

    public async Task<IActionResult> OnPostDeleteActionAsync(int actionId, Guid version, CancellationToken ct) =>
        await SendAsync(async () => await sender.Send(new DeleteAction.Command(Id, actionId, version), ct), "Action removed.", RedirectToPage(null, null, new { id = Id }, "findings"), ct);

    public async Task<IActionResult> OnPostSubmitAsync(CancellationToken ct)
    {
        FormPrefix = nameof(Submit);
        Submit.Id = Id;
        return await SendAsync(async () => await sender.Send(Submit, ct), "The review was submitted for approval.", RedirectToPage("/Reviews/Details", new { id = Id }), ct);
    }

    public async Task ReloadAsync(CancellationToken ct)
    {
        View = await sender.Send(new GetFindings.Query(Id), ct);

        // The form that was posted keeps what the user typed; the other starts empty.
        if (FormPrefix != nameof(Finding))
        {
            Finding = new AddFinding.Command();
        }
    }

    private async Task<IActionResult> SendAsync(Func<Task> send, string flash, IActionResult next, CancellationToken ct)
    {
        // Every field here is a choice, a checkbox or free text, so a value the binder could not read comes
        // from a hand-made post; it may name no visible field, so the summary says so too.
        if (!ModelState.IsValid)
        {
            ModelState.AddModelError(string.Empty, UnreadableMessage);
            await ReloadAsync(ct);
            return Page();
        }

        await send();
        TempData["Flash"] = flash;
        return next;
    }
}
