using System.Net;
using NPCS.Reviews.TestSupport;

namespace NPCS.Reviews.Web.Tests.Support;

/// <summary>Sets up two-factor sign-in through the real page, as a person with a phone would.</summary>
public static class TwoFactorSteps
{
    /// <summary>Scans (reads) the shared key, enters the current code; returns the key and the recovery codes shown.</summary>
    public static async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> SetUpAsync(AppClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var page = await client.GetPageAsync("/Account/TwoFactor");
        var key = page.QuerySelector("#shared-key")?.TextContent.Trim() ?? throw new InvalidOperationException("No shared key on the setup page.");
        var response = await client.SubmitAsync(page, "form[action*='handler=Enable']", new() { ["Data.Code"] = [Totp.Code(key)] });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var done = await AppClient.ParseAsync(response);
        var codes = done.QuerySelectorAll("#recovery-codes code").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(10, codes.Count);
        return (key, codes);
    }

    /// <summary>Password, then the authenticator code: the whole two-step sign-in.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(AppClient client, string email, string key)
    {
        ArgumentNullException.ThrowIfNull(client);
        var first = await client.SignInAsync(email, AppFactory.Password);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.StartsWith("/Account/LoginWith2fa", first.Headers.Location?.OriginalString, StringComparison.Ordinal);
        var codePage = await client.GetPageAsync(first.Headers.Location!.OriginalString);
        return await client.SubmitAsync(codePage, "main form", new() { ["Input.Code"] = [Totp.Code(key)] });
    }
}
