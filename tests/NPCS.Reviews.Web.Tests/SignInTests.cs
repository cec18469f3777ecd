using System.Net;
using NPCS.Reviews.Web.Tests.Support;

namespace NPCS.Reviews.Web.Tests;

public class SignInTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("caseworker@demo.local", "Casey Caseworker", "Demo County")]
    [InlineData("facilitator@demo.local", "Frances Facilitator", "Demo County")]
    [InlineData("supervisor@demo.local", "Sam Supervisor", "Demo County")]
    [InlineData("admin@demo.local", "Alex Administrator", "Demo County")]
    [InlineData("analyst@demo.local", "Ana Analyst", "NPCS")]
    [InlineData("other.caseworker@demo.local", "Olive Other-County", "Other County")]
    public async Task Should_sign_in_each_demo_role_and_show_who_and_where_in_the_header(string email, string name, string jurisdiction)
    {
        using var client = app.CreateAppClient();

        var response = await client.SignInAsync(email, AppFactory.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        var home = await client.GetPageAsync("/");
        Assert.Equal(name, home.QuerySelector(".user-name")?.TextContent);
        Assert.Equal(jurisdiction, home.QuerySelector(".user-jurisdiction")?.TextContent);
        Assert.Single(home.QuerySelectorAll("h1"));
    }

    [Fact]
    public async Task Should_refuse_a_wrong_password_without_saying_which_part_was_wrong()
    {
        using var client = app.CreateAppClient();

        var response = await client.SignInAsync("facilitator@demo.local", "not the password at all");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.Contains("The email or password is not right.", page.QuerySelector(".validation-summary-errors")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_lock_an_account_for_15_minutes_after_5_failed_sign_ins()
    {
        using var client = app.CreateAppClient();
        for (var i = 0; i < 5; i++)
        {
            await client.SignInAsync("other.caseworker@demo.local", "wrong password " + i);
        }

        var response = await client.SignInAsync("other.caseworker@demo.local", AppFactory.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.Contains("locked", page.QuerySelector(".validation-summary-errors")?.TextContent, StringComparison.Ordinal);
        var lockoutEnd = await app.QueryDbAsync(db => Task.FromResult(db.Users.Single(u => u.Email == "other.caseworker@demo.local").LockoutEnd));
        Assert.InRange(lockoutEnd!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15.1));

        await app.UnlockAsync("other.caseworker@demo.local");
    }

    [Fact]
    public async Task Should_say_why_when_a_hand_made_post_leaves_the_whole_form_out()
    {
        using var client = app.CreateAppClient();
        var page = await client.GetPageAsync("/Account/Login");
        var token = page.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;

        // Only the token: MVC then binds the form without its prefix, and its errors sit beside no field.
        using var body = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);
        var response = await client.Http.PostAsync(new Uri("/Account/Login", UriKind.Relative), body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = await AppClient.ParseAsync(response);
        Assert.Contains(Infrastructure.ErrorMappingPageFilter.UnreadableFormMessage, shown.QuerySelector("[role='alert']")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_send_anonymous_visitors_to_sign_in()
    {
        using var client = app.CreateAppClient();

        var response = await client.Http.GetAsync(new Uri("/Reviews", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("https://localhost/Account/Login", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_issue_a_secure_http_only_auth_cookie()
    {
        using var client = app.CreateAppClient();

        var response = await client.SignInAsync("caseworker@demo.local", AppFactory.Password);

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("npcs.auth=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/no/such/page")]
    [InlineData("/css/site.css")]
    public async Task Should_send_browser_protections_with_every_response(string url)
    {
        using var client = app.CreateAppClient();

        var response = await client.Http.GetAsync(new Uri(url, UriKind.Relative));

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Should_report_health_without_signing_in_and_without_details()
    {
        using var client = app.CreateAppClient();

        var response = await client.Http.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Should_show_a_friendly_not_found_page()
    {
        using var client = await app.SignInAsync("caseworker@demo.local");

        var response = await client.Http.GetAsync(new Uri("/no/such/page", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.Equal("Page not found", page.QuerySelector("h1")?.TextContent);
    }
}
