using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NPCS.Reviews.Application.Features.Intake;
using NPCS.Reviews.Web.Infrastructure;

namespace NPCS.Reviews.Web.Pages.Reviews;

public class EditIntakeModel(ISender sender) : PageModel, IReloadOnError
{
    [BindProperty]
    public EditIntake.Command Data { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        Data = await sender.Send(new EditIntake.Query(id), ct);
        if (!Data.Editable)
        {
            TempData["Flash"] = "The intake is complete and can no longer be edited.";
            return RedirectToPage("Details", new { id });
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        Data.Id = id;
        IntakeFormBinding.RejectSeveralValuesForOneChoice(ModelState, Request.Form, nameof(Data));
        if (!ModelState.IsValid)
        {
            await ReloadAsync(ct);
            return Page();
        }

        await sender.Send(Data, ct);
        TempData["Flash"] = "Intake saved.";
        return RedirectToPage("Details", new { id });
    }

    /// <summary>
    /// The form comes back with what was typed, but only for a review the user may edit: another
    /// jurisdiction's (or a missing one) is not found (404), as on GET, whatever the form held.
    /// </summary>
    public async Task ReloadAsync(CancellationToken ct) => await sender.Send(new EditIntake.Query(Data.Id), ct);
}
