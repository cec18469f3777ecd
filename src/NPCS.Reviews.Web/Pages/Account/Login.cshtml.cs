using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NPCS.Reviews.Application.Data;

namespace NPCS.Reviews.Web.Pages.Account;

public partial class LoginModel(SignInManager<ApplicationUser> signInManager, ILogger<LoginModel> logger) : PageModel
{
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

        var result = await signInManager.PasswordSignInAsync(Input.Email.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "~/");
        }

        if (result.IsLockedOut)
        {
            LogLockedOut(logger);
            ModelState.AddModelError(string.Empty, "This account is locked after too many failed attempts, or by an administrator. Try again in 15 minutes or ask your administrator.");
        }
        else
        {
            LogFailed(logger);
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
