using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Features.Account;
using NPCS.Reviews.Application.Features.Security;

namespace NPCS.Reviews.Web.Pages.Account;

public class LoginWith2faModel(SignInManager<ApplicationUser> signInManager, SecurityLog securityLog, ILogger<LoginWith2faModel> logger)
    : SecondFactorSignInModel(signInManager, securityLog, logger)
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter the 6-digit code your authenticator app shows.")]
        [RegularExpression(@"^\s*\d{3}[\s-]?\d{3}\s*$", ErrorMessage = "The code is the 6 digits your authenticator app shows, like 123 456.")]
        [StringLength(20)]
        public string Code { get; set; } = string.Empty;
    }

    protected override string CodeField => "Input.Code";

    protected override string Method => "authenticator code";

    protected override string WrongCodeMessage => "That code is not right. Enter the code the app shows now.";

    protected override Task<Microsoft.AspNetCore.Identity.SignInResult> SignInAsync() =>
        SignInManager.TwoFactorAuthenticatorSignInAsync(TwoFactor.Digits(Input.Code), isPersistent: false, rememberClient: false);
}
