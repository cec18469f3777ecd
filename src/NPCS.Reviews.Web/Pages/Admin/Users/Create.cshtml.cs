using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NPCS.Reviews.Application.Features.Administration;
using NPCS.Reviews.Web.Infrastructure;

namespace NPCS.Reviews.Web.Pages.Admin.Users;

public class CreateModel(ISender sender) : PageModel
{
    [BindProperty]
    public CreateUser.Command Data { get; set; } = new();

    /// <summary>Shown once, in the response to the POST; never stored or logged.</summary>
    public string? Link { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var link = await sender.Send(Data, ct);
        Link = SetPasswordLinks.ForRequest(Url, Request.Scheme, link);
        return Page();
    }
}
