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
        // A checkbox can only post "true" or "false"; anything else would make the checkbox tag helper
        // throw while re-rendering the typed value, so the message replaces it.
        const string requirement = nameof(Data) + "." + nameof(EditPolicy.Command.RequireTwoFactorForSupervisors);
        if (ModelState.TryGetValue(requirement, out var entry) && entry.Errors.Count > 0)
        {
            ModelState.Remove(requirement);
            ModelState.AddModelError(requirement, "Tick the box to require two-factor sign-in, or leave it empty.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        await sender.Send(Data, ct);
        TempData["Flash"] = "Review policy saved.";
        return RedirectToPage();
    }
}
