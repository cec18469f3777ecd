using System.Net;
using NPCS.Reviews.Web.Tests.Support;

namespace NPCS.Reviews.Web.Tests;

/// <summary>A jurisdiction that requires two-factor sign-in for Supervisors and Administrators (its own database: the requirement is turned on here).</summary>
public class TwoFactorRequirementTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Should_hold_supervisors_and_administrators_on_the_setup_page_until_they_use_an_authenticator()
    {
        using var admin = await app.SignInAsync("admin@demo.local");
        using var supervisor = await app.SignInAsync("supervisor@demo.local");
        using var caseworker = await app.SignInAsync("caseworker@demo.local");
        var policy = await admin.GetPageAsync("/Admin/Policy");
        Assert.Null(policy.QuerySelector("input[name='Data.RequireTwoFactorForSupervisors'][checked]"));

        var saved = await admin.SubmitAsync(policy, "main form", new() { ["Data.RequireTwoFactorForSupervisors"] = ["true"] });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        // Already signed in: held at the next click, on every page that needs a signed-in user.
        foreach (var url in new[] { "/", "/Reviews", "/Reviews/New", "/Actions" })
        {
            await AssertSentToSetupAsync(supervisor, url);
        }

        await AssertSentToSetupAsync(admin, "/Admin/Policy");
        var post = await supervisor.Http.PostAsync(new Uri("/Reviews/New", UriKind.Relative), new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal("/Account/TwoFactor", post.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.Http.GetAsync(new Uri("/css/site.css", UriKind.Relative))).StatusCode);
        var setup = await supervisor.GetPageAsync("/Account/TwoFactor");
        Assert.Contains("Set it up to continue", setup.QuerySelector("main")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(["Two-factor sign-in"], setup.QuerySelectorAll("#main-nav .nav-link").Select(a => a.TextContent.Trim()));

        // Caseworkers are not concerned.
        Assert.Equal(HttpStatusCode.OK, (await caseworker.Http.GetAsync(new Uri("/Reviews", UriKind.Relative))).StatusCode);

        var (key, _) = await TwoFactorSteps.SetUpAsync(supervisor);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.Http.GetAsync(new Uri("/Reviews", UriKind.Relative))).StatusCode);

        // Required: it cannot be turned off, even by a hand-made post.
        var on = await supervisor.GetPageAsync("/Account/TwoFactor");
        Assert.Null(on.QuerySelector("form[action*='handler=Disable']"));
        var disable = await PostHandlerAsync(supervisor, on, "Disable");
        Assert.Contains("cannot be turned off", (await AppClient.ParseAsync(disable)).QuerySelector(".validation-summary-errors")?.TextContent, StringComparison.Ordinal);

        // A new phone: resetting the app turns it off, so the supervisor is held again until it is set up anew.
        Assert.Equal(HttpStatusCode.Redirect, (await supervisor.SubmitAsync(on, "form[action*='handler=Reset']")).StatusCode);
        await AssertSentToSetupAsync(supervisor, "/Reviews");
        (key, _) = await TwoFactorSteps.SetUpAsync(supervisor);

        using var nextDay = app.CreateAppClient();
        var signedIn = await TwoFactorSteps.SignInAsync(nextDay, "supervisor@demo.local", key);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await nextDay.Http.GetAsync(new Uri("/Reviews", UriKind.Relative))).StatusCode);

        // Signing out stays possible while held.
        var logout = await admin.SubmitAsync(await admin.GetPageAsync("/Account/TwoFactor"), "form[action='/Account/Logout']");
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal("/Account/Login", logout.Headers.Location?.OriginalString);
    }

    private static async Task AssertSentToSetupAsync(AppClient client, string url)
    {
        var response = await client.Http.GetAsync(new Uri(url, UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"GET {url} answered {(int)response.StatusCode}.");
        Assert.Equal("/Account/TwoFactor", response.Headers.Location?.OriginalString);
    }

    private static async Task<HttpResponseMessage> PostHandlerAsync(AppClient client, AngleSharp.Dom.IDocument page, string handler)
    {
        var token = page.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        return await client.Http.PostAsync(
            new Uri($"/Account/TwoFactor?handler={handler}", UriKind.Relative),
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
    }
}
