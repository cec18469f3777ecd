using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Web.Infrastructure;

namespace NPCS.Reviews.Web.Pages.Account;

/// <summary>Where a set-password link lands: the account holder chooses their own password; the administrator never knows it.</summary>
public class SetPasswordModel(UserManager<ApplicationUser> users) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool Done { get; private set; }

    public sealed class InputModel
    {
        public string? UserId { get; set; }

        public string? Code { get; set; }

        [Required(ErrorMessage = "Enter a new password.")]
        [StringLength(256, MinimumLength = 12, ErrorMessage = "Use at least 12 characters.")]
        public string Password { get; set; } = string.Empty;

        [Required(ErrorMessage = "Repeat the new password.")]
        [Compare(nameof(Password), ErrorMessage = "The two passwords are not the same.")]
        public string ConfirmPassword { get; set; } = string.Empty;
    }

    public IActionResult OnGet(string? userId, string? code)
    {
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(code))
        {
            return NotFound();
        }

        Input = new InputModel { UserId = userId, Code = code };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = Input.UserId is null ? null : await users.FindByIdAsync(Input.UserId);
        var token = SetPasswordLinks.TokenFrom(Input.Code);
        if (user is null || token is null)
        {
            ModelState.AddModelError(string.Empty, "This link is not valid. Ask your administrator for a new one.");
            return Page();
        }

        var result = await users.ResetPasswordAsync(user, token, Input.Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var message = error.Code == "InvalidToken"
                    ? "This link has expired or has already been used. Ask your administrator for a new one."
                    : error.Description;
                ModelState.AddModelError(error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password" : string.Empty, message);
            }

            return Page();
        }

        Done = true;
        return Page();
    }
}
