using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NPCS.Reviews.Application.Features.Intake;

namespace NPCS.Reviews.Web.Pages.Reviews;

public class EditIntakeModel(ISender sender) : PageModel
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
            return Page();
        }

        await sender.Send(Data, ct);
        TempData["Flash"] = "Intake saved.";
        return RedirectToPage("Details", new { id });
    }
}
