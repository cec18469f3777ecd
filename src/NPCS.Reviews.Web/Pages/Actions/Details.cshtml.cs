using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NPCS.Reviews.Application.Features.FollowUp;
using NPCS.Reviews.Web.Infrastructure;

namespace NPCS.Reviews.Web.Pages.Actions;

/// <summary>One action and the form that records its progress (in progress or done, note, date, effectiveness).</summary>
public class DetailsModel(ISender sender) : PageModel, IReloadOnError
{
    [FromRoute]
    public int ActionId { get; set; }

    public GetAction.Result? Action { get; private set; }

    [BindProperty]
    public UpdateActionStatus.Command Data { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await ReloadAsync(ct);
        if (Action!.Followable && Action.CanUpdate)
        {
            Data = await sender.Send(new UpdateActionStatus.Query(ActionId), ct);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Data.ActionId = ActionId;
        if (!ModelState.IsValid)
        {
            await ReloadAsync(ct);
            return Page();
        }

        await sender.Send(Data, ct);
        TempData["Flash"] = "Status saved.";
        return RedirectToPage("Details", new { actionId = ActionId });
    }

    public async Task ReloadAsync(CancellationToken ct) => Action = await sender.Send(new GetAction.Query(ActionId), ct);
}
