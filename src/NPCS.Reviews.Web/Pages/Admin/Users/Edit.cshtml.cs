using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NPCS.Reviews.Application.Features.Administration;
using NPCS.Reviews.Web.Infrastructure;

namespace NPCS.Reviews.Web.Pages.Admin.Users;

public class EditModel(ISender sender) : PageModel, IReloadOnError, IHasFormPrefix
{
    [FromRoute]
    public string Id { get; set; } = string.Empty;

    public ManageUser.Details? Account { get; private set; }

    [BindProperty]
    public ManageUser.ChangeRoleCommand Role { get; set; } = new();

    public string? Link { get; private set; }

    public string FormPrefix => nameof(Role);

    public async Task OnGetAsync(CancellationToken ct) => await ReloadAsync(ct);

    public async Task<IActionResult> OnPostRoleAsync(CancellationToken ct)
    {
        Role.Id = Id;
        await sender.Send(Role, ct);
        TempData["Flash"] = "Role saved. The person is signed out at their next click and has the new role when they sign in again.";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostLockAsync(bool locked, CancellationToken ct)
    {
        await sender.Send(new ManageUser.SetLockCommand(Id, locked), ct);
        TempData["Flash"] = locked ? "Account locked. The person is signed out at their next click." : "Account unlocked.";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostResetTwoFactorAsync(CancellationToken ct)
    {
        await sender.Send(new ManageUser.ResetTwoFactorCommand(Id), ct);
        TempData["Flash"] = "Two-factor sign-in reset. The person is signed out and sets up their authenticator app again.";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostLinkAsync(CancellationToken ct)
    {
        var link = await sender.Send(new ManageUser.IssuePasswordLinkCommand(Id), ct);
        Link = SetPasswordLinks.ForRequest(Url, Request.Scheme, link);
        await ReloadAsync(ct);
        return Page();
    }

    public async Task ReloadAsync(CancellationToken ct) => Account = await sender.Send(new ManageUser.Query(Id), ct);
}
