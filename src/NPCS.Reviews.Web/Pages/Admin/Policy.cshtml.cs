using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NPCS.Reviews.Application.Features.Administration;

namespace NPCS.Reviews.Web.Pages.Admin;

public class PolicyModel(ISender sender) : PageModel
{
    [BindProperty]
    public EditPolicy.Command Data { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct) => Data = await sender.Send(new EditPolicy.Query(), ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        await sender.Send(Data, ct);
        TempData["Flash"] = "Review policy saved.";
        return RedirectToPage();
    }
}
