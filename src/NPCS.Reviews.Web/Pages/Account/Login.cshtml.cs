using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Features.Security;
using NPCS.Reviews.Web.Infrastructure;

namespace NPCS.Reviews.Web.Pages.Account;

[EnableRateLimiting(SignInRateLimit.Policy)]
public partial class LoginModel(
    SignInManager<ApplicationUser> signInManager,
    SecurityLog securityLog,
    ILogger<LoginModel> logger) : PageModel
{
    public const string LockedMessage =
        "This account is locked after too many failed attempts, or by an administrator. Try again in 15 minutes or ask your administrator.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your email address.")]
        [EmailAddress(ErrorMessage = "Enter a valid email address.")]
        [StringLength(256)]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter your password.")]
        [StringLength(256)]
        [DataType(DataType.Password)]
        public string Password { get; set; } = string.Empty;
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        // Looked up only to say whose account the attempt concerned; a name that matches no account is not kept.
        var account = await signInManager.UserManager.FindByNameAsync(Input.Email.Trim());
        var wasLocked = account is not null && await signInManager.UserManager.IsLockedOutAsync(account);
        var result = await signInManager.PasswordSignInAsync(Input.Email.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await securityLog.RecordAsync(SecurityEventKind.SignedIn, account, "password", account?.Id);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "~/");
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("LoginWith2fa", new { ReturnUrl });
        }

        if (result.IsLockedOut)
        {
            LogLockedOut(logger);
            await securityLog.RecordAsync(
                wasLocked ? SecurityEventKind.SignInFailed : SecurityEventKind.LockedOut,
                account,
                wasLocked ? "account locked" : "too many wrong passwords");
            ModelState.AddModelError(string.Empty, LockedMessage);
        }
        else
        {
            LogFailed(logger);
            await securityLog.RecordAsync(SecurityEventKind.SignInFailed, account, account is null ? "unknown account" : "wrong password");
            ModelState.AddModelError(string.Empty, "The email or password is not right.");
        }

        Input.Password = string.Empty;
        return Page();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in refused: account locked")]
    private static partial void LogLockedOut(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-in failed")]
    private static partial void LogFailed(ILogger logger);
}
