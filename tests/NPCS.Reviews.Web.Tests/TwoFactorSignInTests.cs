using System.Net;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.TestSupport;
using NPCS.Reviews.Web.Tests.Support;

namespace NPCS.Reviews.Web.Tests;

/// <summary>Two-factor sign-in with an authenticator app, for anyone who wants it (no jurisdiction requirement here).</summary>
public class TwoFactorSignInTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Should_store_the_authenticator_key_and_recovery_codes_encrypted_and_still_accept_them()
    {
        // An account no other test of this class signs in with.
        using var client = await app.SignInAsync("other.caseworker@demo.local");
        var (key, codes) = await TwoFactorSteps.SetUpAsync(client);
        var userId = await app.UserIdAsync("other.caseworker@demo.local");

        var stored = await app.QueryDbAsync(db => db.UserTokens.Where(t => t.UserId == userId).ToDictionaryAsync(t => t.Name, t => t.Value ?? ""));

        var plainKey = key.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        Assert.DoesNotContain(plainKey, stored["AuthenticatorKey"].ToUpperInvariant(), StringComparison.Ordinal);
        Assert.All(codes, code => Assert.DoesNotContain(code, stored["RecoveryCodes"], StringComparison.Ordinal));

        // The app reads them back: a code from the key and a recovery code both sign in.
        using var withCode = app.CreateAppClient();
        Assert.Equal(HttpStatusCode.Redirect, (await TwoFactorSteps.SignInAsync(withCode, "other.caseworker@demo.local", key)).StatusCode);
        Assert.Null((await withCode.GetPageAsync("/")).QuerySelector("form[action*='LoginWith2fa']"));
    }

    [Fact]
    public async Task Should_set_up_an_authenticator_show_recovery_codes_once_and_ask_for_a_code_at_every_sign_in()
    {
        using var client = await app.SignInAsync("facilitator@demo.local");
        var setup = await client.GetPageAsync("/Account/TwoFactor");
        var key = setup.QuerySelector("#shared-key")?.TextContent.Trim();
        Assert.Matches("^([a-z2-7]{4} )+[a-z2-7]{1,4}$", key);
        Assert.StartsWith("data:image/png;base64,", setup.QuerySelector(".qr-code img")?.GetAttribute("src"), StringComparison.Ordinal);
        var uri = setup.QuerySelector("#authenticator-uri")?.TextContent;
        Assert.StartsWith("otpauth://totp/NPCS.Reviews:facilitator%40demo.local?secret=" + key!.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant(), uri, StringComparison.Ordinal);

        var empty = await AppClient.ParseAsync(await client.SubmitAsync(setup, "form[action*='handler=Enable']", new() { ["Data.Code"] = [""] }));
        Assert.Equal("Enter the 6-digit code your authenticator app shows.", empty.FieldError("Data.Code"));
        var letters = await AppClient.ParseAsync(await client.SubmitAsync(setup, "form[action*='handler=Enable']", new() { ["Data.Code"] = ["abc"] }));
        Assert.Equal("The code is the 6 digits your authenticator app shows, like 123 456.", letters.FieldError("Data.Code"));
        Assert.Equal("abc", letters.InputValue("Data.Code"));
        var wrongCode = WrongCode(key);
        var wrong = await AppClient.ParseAsync(await client.SubmitAsync(setup, "form[action*='handler=Enable']", new() { ["Data.Code"] = [wrongCode] }));
        Assert.StartsWith("That code is not right.", wrong.FieldError("Data.Code"), StringComparison.Ordinal);
        Assert.Equal(wrongCode, wrong.InputValue("Data.Code"));
        Assert.Equal(key, wrong.QuerySelector("#shared-key")?.TextContent.Trim());

        var enabled = await client.SubmitAsync(setup, "form[action*='handler=Enable']", new() { ["Data.Code"] = [Totp.Code(key)] });
        var codes = (await AppClient.ParseAsync(enabled)).QuerySelectorAll("#recovery-codes code").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(10, codes.Count);

        // Still signed in after the change of security stamp, and the codes are not shown again.
        var again = await client.GetPageAsync("/Account/TwoFactor");
        Assert.Null(again.QuerySelector("#recovery-codes"));
        Assert.Contains("Two-factor sign-in is on", again.QuerySelector("main")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("10 recovery codes left", again.QuerySelector("main")?.TextContent, StringComparison.Ordinal);

        // A new browser: the password alone is not enough.
        using var browser = app.CreateAppClient();
        var passwordStep = await browser.SignInAsync("facilitator@demo.local", AppFactory.Password);
        Assert.Equal(HttpStatusCode.Redirect, passwordStep.StatusCode);
        Assert.Equal("/Account/LoginWith2fa", passwordStep.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Http.GetAsync(new Uri("/Reviews", UriKind.Relative))).StatusCode);
        var twoFactorCookie = Assert.Single(passwordStep.Headers.GetValues("Set-Cookie"), c => c.StartsWith("npcs.2fa=", StringComparison.Ordinal));
        Assert.Contains("secure", twoFactorCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", twoFactorCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", twoFactorCookie, StringComparison.OrdinalIgnoreCase);

        var codePage = await browser.GetPageAsync("/Account/LoginWith2fa");
        var refused = await AppClient.ParseAsync(await browser.SubmitAsync(codePage, "main form", new() { ["Input.Code"] = [wrongCode] }));
        Assert.Equal("That code is not right. Enter the code the app shows now.", refused.FieldError("Input.Code"));
        Assert.Equal(wrongCode, refused.InputValue("Input.Code"));
        var badFormat = await AppClient.ParseAsync(await browser.SubmitAsync(codePage, "main form", new() { ["Input.Code"] = ["12"] }));
        Assert.Equal("The code is the 6 digits your authenticator app shows, like 123 456.", badFormat.FieldError("Input.Code"));

        var signedIn = await browser.SubmitAsync(codePage, "main form", new() { ["Input.Code"] = [Totp.Code(key)] });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/", signedIn.Headers.Location?.OriginalString);
        Assert.Equal("Frances Facilitator", (await browser.GetPageAsync("/")).QuerySelector(".user-name")?.TextContent);

        // A recovery code works once, instead of the app.
        using var lostPhone = app.CreateAppClient();
        await lostPhone.SignInAsync("facilitator@demo.local", AppFactory.Password);
        var recoveryPage = await lostPhone.GetPageAsync("/Account/LoginWithRecoveryCode");
        Assert.Equal(HttpStatusCode.Redirect, (await lostPhone.SubmitAsync(recoveryPage, "main form", new() { ["Input.Code"] = [codes[0]] })).StatusCode);
        using var reuse = app.CreateAppClient();
        await reuse.SignInAsync("facilitator@demo.local", AppFactory.Password);
        var reusePage = await reuse.GetPageAsync("/Account/LoginWithRecoveryCode");
        var reused = await AppClient.ParseAsync(await reuse.SubmitAsync(reusePage, "main form", new() { ["Input.Code"] = [codes[0]] }));
        Assert.StartsWith("That recovery code is not right, or it has been used already.", reused.FieldError("Input.Code"), StringComparison.Ordinal);
        Assert.Contains("9 recovery codes left", (await lostPhone.GetPageAsync("/Account/TwoFactor")).QuerySelector("main")?.TextContent, StringComparison.Ordinal);

        // Codes and keys never reach the log.
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains(codes[0], StringComparison.Ordinal) || l.Contains(key.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Should_send_the_code_step_back_to_the_password_when_no_password_was_given()
    {
        using var client = app.CreateAppClient();

        var response = await client.Http.GetAsync(new Uri("/Account/LoginWith2fa", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain("LoginWith2fa", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_let_a_caseworker_make_new_codes_reset_the_app_and_turn_two_factor_off()
    {
        using var client = await app.SignInAsync("caseworker@demo.local");
        var (key, codes) = await TwoFactorSteps.SetUpAsync(client);

        var on = await client.GetPageAsync("/Account/TwoFactor");
        var fresh = await AppClient.ParseAsync(await client.SubmitAsync(on, "form[action*='handler=RecoveryCodes']"));
        var newCodes = fresh.QuerySelectorAll("#recovery-codes code").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(10, newCodes.Count);
        Assert.Empty(newCodes.Intersect(codes));

        var reset = await client.SubmitAsync(await client.GetPageAsync("/Account/TwoFactor"), "form[action*='handler=Reset']");
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        var setupAgain = await client.GetPageAsync("/Account/TwoFactor");
        var newKey = setupAgain.QuerySelector("#shared-key")?.TextContent.Trim();
        Assert.NotEqual(key, newKey);
        Assert.False(await TwoFactorOnAsync("caseworker@demo.local"));

        await TwoFactorSteps.SetUpAsync(client);
        Assert.True(await TwoFactorOnAsync("caseworker@demo.local"));
        var off = await client.SubmitAsync(await client.GetPageAsync("/Account/TwoFactor"), "form[action*='handler=Disable']");
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.False(await TwoFactorOnAsync("caseworker@demo.local"));
        using var passwordOnly = app.CreateAppClient();
        Assert.Equal("/", (await passwordOnly.SignInAsync("caseworker@demo.local", AppFactory.Password)).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Should_let_an_administrator_reset_another_persons_two_factor_but_not_their_own()
    {
        using var supervisor = await app.SignInAsync("supervisor@demo.local");
        await TwoFactorSteps.SetUpAsync(supervisor);
        using var admin = await app.SignInAsync("admin@demo.local");
        var supervisorId = await app.UserIdAsync("supervisor@demo.local");

        var edit = await admin.GetPageAsync($"/Admin/Users/{supervisorId}");
        Assert.Contains("On", edit.QuerySelector("dl")?.TextContent, StringComparison.Ordinal);
        var reset = await admin.SubmitAsync(edit, "form[action*='handler=ResetTwoFactor']");
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);

        Assert.False(await TwoFactorOnAsync("supervisor@demo.local"));
        Assert.Equal(HttpStatusCode.Redirect, (await supervisor.Http.GetAsync(new Uri("/Reviews", UriKind.Relative))).StatusCode);

        var adminId = await app.UserIdAsync("admin@demo.local");
        var own = await admin.Http.PostAsync(new Uri($"/Admin/Users/{adminId}?handler=ResetTwoFactor", UriKind.Relative), new FormUrlEncodedContent(
            [new("__RequestVerificationToken", edit.QuerySelector("form[action*='handler=ResetTwoFactor'] input[name='__RequestVerificationToken']")!.GetAttribute("value")!)]));
        Assert.Contains("You cannot reset two-factor sign-in for your own account", (await AppClient.ParseAsync(own)).QuerySelector(".validation-summary-errors")?.TextContent, StringComparison.Ordinal);
    }

    private Task<bool> TwoFactorOnAsync(string email) =>
        app.QueryDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.TwoFactorEnabled).SingleAsync());

    /// <summary>A well-formed code that is none of the ones the server accepts around now.</summary>
    private static string WrongCode(string key)
    {
        var now = DateTimeOffset.UtcNow;
        var valid = Enumerable.Range(-3, 7).Select(i => Totp.Code(key, now.AddSeconds(30 * i))).ToHashSet();
        return Enumerable.Range(0, 1000).Select(i => i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).First(c => !valid.Contains(c));
    }
}
