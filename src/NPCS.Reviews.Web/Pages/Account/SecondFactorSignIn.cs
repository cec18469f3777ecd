using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Features.Security;
using NPCS.Reviews.Web.Infrastructure;

namespace NPCS.Reviews.Web.Pages.Account;

/// <summary>
/// The second step of signing in, after a right password: an authenticator code or a recovery code.
/// Both pages share the flow; each says how it checks its code. Only a browser that has just passed
/// the password step (Identity's short-lived two-factor cookie) can use them.
/// </summary>
[EnableRateLimiting(SignInRateLimit.Policy)]
public abstract partial class SecondFactorSignInModel(SignInManager<ApplicationUser> signInManager, SecurityLog securityLog, ILogger logger) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    protected SignInManager<ApplicationUser> SignInManager => signInManager;

    /// <summary>The field the code was typed in, for the message beside it.</summary>
    protected abstract string CodeField { get; }

    protected abstract string Method { get; }

    protected abstract string WrongCodeMessage { get; }

    public async Task<IActionResult> OnGetAsync() =>
        await signInManager.GetTwoFactorAuthenticationUserAsync() is null ? SignInAgain() : Page();

    protected abstract Task<Microsoft.AspNetCore.Identity.SignInResult> SignInAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var account = await signInManager.GetTwoFactorAuthenticationUserAsync();
        if (account is null)
        {
            return SignInAgain();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var wasLocked = await signInManager.UserManager.IsLockedOutAsync(account);
        var result = await SignInAsync();
        if (result.Succeeded)
        {
            await securityLog.RecordAsync(SecurityEventKind.SignedIn, account, Method, account.Id);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "~/");
        }

        if (result.IsLockedOut)
        {
            LogLockedOut(logger);
            await securityLog.RecordAsync(wasLocked ? SecurityEventKind.SignInFailed : SecurityEventKind.LockedOut, account, wasLocked ? "account locked" : "too many wrong codes");
            ModelState.AddModelError(string.Empty, LoginModel.LockedMessage);
            return Page();
        }

        LogFailed(logger);
        await securityLog.RecordAsync(SecurityEventKind.SignInFailed, account, "wrong " + Method);
        ModelState.AddModelError(CodeField, WrongCodeMessage);
        return Page();
    }

    private RedirectToPageResult SignInAgain()
    {
        TempData["Flash"] = "Sign in with your email and password first. The code step lasts 5 minutes.";
        return RedirectToPage("Login", new { ReturnUrl });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Two-factor sign-in refused: account locked")]
    private static partial void LogLockedOut(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Two-factor sign-in failed")]
    private static partial void LogFailed(ILogger logger);
}
