using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Features.Security;

namespace NPCS.Reviews.Web.Pages.Account;

public class LoginWithRecoveryCodeModel(SignInManager<ApplicationUser> signInManager, SecurityLog securityLog, ILogger<LoginWithRecoveryCodeModel> logger)
    : SecondFactorSignInModel(signInManager, securityLog, logger)
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter one of your recovery codes.")]
        [StringLength(40, ErrorMessage = "A recovery code is 11 characters, like ABCDE-12345.")]
        public string Code { get; set; } = string.Empty;
    }

    protected override string CodeField => "Input.Code";

    protected override string Method => "recovery code";

    protected override string WrongCodeMessage => "That recovery code is not right, or it has been used already. Each code works once.";

    protected override Task<Microsoft.AspNetCore.Identity.SignInResult> SignInAsync() =>
        SignInManager.TwoFactorRecoveryCodeSignInAsync(Input.Code.Replace(" ", string.Empty, StringComparison.Ordinal).Trim());
}
