using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NPCS.Reviews.Application.Features.Intake;

namespace NPCS.Reviews.Web.Pages.Reviews;

public class NewModel(ISender sender) : PageModel
{
    [BindProperty]
    public CreateReview.Command Data { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        IntakeFormBinding.RejectSeveralValuesForOneChoice(ModelState, Request.Form, nameof(Data));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await sender.Send(Data, ct);
        TempData["Flash"] = result.ScreenedOut
            ? $"Incident recorded as {result.Number}. It does not meet the review criteria and was screened out; the reason is shown below."
            : $"Incident recorded as {result.Number}.";
        return RedirectToPage("Details", new { id = result.Id });
    }
}
