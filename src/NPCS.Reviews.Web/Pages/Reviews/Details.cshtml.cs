using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NPCS.Reviews.Application.Features.Intake;
using NPCS.Reviews.Application.Features.Reviews;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.Web.Infrastructure;

namespace NPCS.Reviews.Web.Pages.Reviews;

/// <summary>The review overview: stepper, intake details, deadlines, and the intake-stage actions.</summary>
public class DetailsModel(ISender sender) : PageModel, IReloadOnError, IHasFormPrefix
{
    [FromRoute]
    public int Id { get; set; }

    public GetReview.Result? View { get; private set; }

    [BindProperty]
    public OverrideScreenOut.Command Override { get; set; } = new();

    [BindProperty]
    public AssignFacilitator.Command Assign { get; set; } = new();

    [BindProperty]
    public ReopenStep.Command Reopen { get; set; } = new();

    public string FormPrefix { get; private set; } = "Data";

    public async Task OnGetAsync(CancellationToken ct) => await ReloadAsync(ct);

    public async Task<IActionResult> OnPostCompleteIntakeAsync(Guid version, CancellationToken ct)
    {
        await sender.Send(new CompleteIntake.Command(Id, version), ct);
        TempData["Flash"] = "Intake completed. The review moves on to the family-needs analysis.";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostOverrideAsync(CancellationToken ct)
    {
        FormPrefix = nameof(Override);
        Override.Id = Id;
        await sender.Send(Override, ct);
        TempData["Flash"] = "Screen-out overridden: the incident will be reviewed.";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostAssignAsync(CancellationToken ct)
    {
        FormPrefix = nameof(Assign);
        Assign.Id = Id;
        await sender.Send(Assign, ct);
        TempData["Flash"] = "Facilitator saved.";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostReopenAsync(CancellationToken ct)
    {
        FormPrefix = nameof(Reopen);
        Reopen.Id = Id;
        await sender.Send(Reopen, ct);
        TempData["Flash"] = $"{Reopen.Step?.DisplayName()} reopened.";
        return RedirectToPage(new { id = Id });
    }

    public async Task ReloadAsync(CancellationToken ct) => View = await sender.Send(new GetReview.Query(Id), ct);
}
