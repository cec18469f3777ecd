using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Features.Account;
using NPCS.Reviews.Web.Infrastructure;
using QRCoder;

namespace NPCS.Reviews.Web.Pages.Account;

/// <summary>Every signed-in person's own two-factor sign-in: set up, recovery codes, reset, turn off.</summary>
[AllowBeforeTwoFactorSetup]
public class TwoFactorModel(ISender sender, SignInManager<ApplicationUser> signInManager) : PageModel, IReloadOnError
{
    public TwoFactor.Status? Status { get; private set; }

    /// <summary>The otpauth:// address as a PNG made here (a data: image is allowed by the content security policy).</summary>
    public string? QrCodeDataUri { get; private set; }

    [BindProperty]
    public TwoFactor.EnableCommand Data { get; set; } = new();

    /// <summary>Shown once, in the response to the post that made them; never stored anywhere readable.</summary>
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await ReloadAsync(ct);

    public async Task<IActionResult> OnPostEnableAsync(CancellationToken ct)
    {
        RecoveryCodes = await sender.Send(Data, ct);
        await KeepSignedInAsync();
        Data = new();
        ModelState.Clear();
        await ReloadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync(CancellationToken ct)
    {
        RecoveryCodes = await sender.Send(new TwoFactor.NewRecoveryCodesCommand(), ct);
        await ReloadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostResetAsync(CancellationToken ct)
    {
        await sender.Send(new TwoFactor.ResetCommand(), ct);
        await KeepSignedInAsync();
        TempData["Flash"] = "Your authenticator app was reset. Scan the new QR code and enter a code to turn two-factor sign-in on again.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken ct)
    {
        await sender.Send(new TwoFactor.DisableCommand(), ct);
        await KeepSignedInAsync();
        TempData["Flash"] = "Two-factor sign-in is off. You sign in with your password alone.";
        return RedirectToPage();
    }

    public async Task ReloadAsync(CancellationToken ct)
    {
        Status = await sender.Send(new TwoFactor.Query(), ct);
        QrCodeDataUri = Status.Enabled ? null : QrCode(Status.AuthenticatorUri);
    }

    /// <summary>Turning two-factor on or off makes a new security stamp, which would sign this browser out too.</summary>
    private async Task KeepSignedInAsync()
    {
        if (await signInManager.UserManager.GetUserAsync(User) is { } user)
        {
            await signInManager.RefreshSignInAsync(user);
        }
    }

    private static string QrCode(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.Q);
        var png = new PngByteQRCode(data).GetGraphic(5);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
