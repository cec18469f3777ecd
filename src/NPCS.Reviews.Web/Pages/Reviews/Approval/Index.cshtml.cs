using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NPCS.Reviews.Application.Features.Approval;
using NPCS.Reviews.Application.Features.Report;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Web.Infrastructure;

namespace NPCS.Reviews.Web.Pages.Reviews.Approval;

/// <summary>The supervisor's approval page: the whole review, then approve it or return it to the facilitator with comments.</summary>
[Microsoft.AspNetCore.Authorization.Authorize(Roles = Roles.Supervisor)]
public class IndexModel(ISender sender) : PageModel, IReloadOnError, IHasFormPrefix
{
    [FromRoute]
    public int Id { get; set; }

    public GetReviewSummary.Result? View { get; private set; }

    [BindProperty]
    public ReturnReview.Command Return { get; set; } = new();

    public string FormPrefix { get; private set; } = nameof(Return);

    public async Task OnGetAsync(CancellationToken ct) => await ReloadAsync(ct);

    public async Task<IActionResult> OnPostApproveAsync(Guid version, CancellationToken ct)
    {
        FormPrefix = "Approve";
        await sender.Send(new ApproveReview.Command(Id, version), ct);
        TempData["Flash"] = "Review approved. It is now locked and its actions are approved for follow-up.";
        return RedirectToPage("/Reviews/Details", new { id = Id });
    }

    public async Task<IActionResult> OnPostReturnAsync(CancellationToken ct)
    {
        FormPrefix = nameof(Return);
        Return.Id = Id;
        await sender.Send(Return, ct);
        TempData["Flash"] = "Review returned to the facilitator with your comments.";
        return RedirectToPage("/Reviews/Details", new { id = Id });
    }

    public async Task ReloadAsync(CancellationToken ct) => View = await sender.Send(new GetReviewSummary.Query(Id), ct);
}
