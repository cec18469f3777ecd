using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Web.Tests.Support;

namespace NPCS.Reviews.Web.Tests;

/// <summary>Sessions: a lock or role change applies at the next request, the idle timeout slides, HSTS outside Development.</summary>
public class SessionTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Should_sign_out_a_locked_account_at_its_next_request()
    {
        using var caseworker = await app.SignInAsync("caseworker@demo.local");
        Assert.Equal(HttpStatusCode.OK, (await caseworker.Http.GetAsync(new Uri("/Reviews", UriKind.Relative))).StatusCode);
        using var admin = await app.SignInAsync("admin@demo.local");
        var id = await app.UserIdAsync("caseworker@demo.local");

        var locked = await admin.SubmitAsync(await admin.GetPageAsync($"/Admin/Users/{id}"), "form[action*='handler=Lock']");
        Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);

        Assert.True(await app.QueryDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.LockoutEnd != null).SingleAsync()), "The Lock account button did not lock.");
        await AssertSignedOutAsync(caseworker);
        var refused = await caseworker.SignInAsync("caseworker@demo.local", AppFactory.Password);
        Assert.True(refused.StatusCode == HttpStatusCode.OK, $"{(int)refused.StatusCode} {refused.Headers.Location}");
        Assert.Contains("locked", (await AppClient.ParseAsync(refused)).QuerySelector(".validation-summary-errors")?.TextContent, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(await admin.GetPageAsync($"/Admin/Users/{id}"), "form[action*='handler=Lock']")).StatusCode);
        using var again = await app.SignInAsync("caseworker@demo.local");
    }

    [Fact]
    public async Task Should_sign_out_a_person_whose_role_changed_at_their_next_request()
    {
        using var supervisor = await app.SignInAsync("supervisor@demo.local");
        Assert.Equal(HttpStatusCode.OK, (await supervisor.Http.GetAsync(new Uri("/Reviews/New", UriKind.Relative))).StatusCode);
        using var admin = await app.SignInAsync("admin@demo.local");
        var id = await app.UserIdAsync("supervisor@demo.local");

        var changed = await admin.SubmitAsync(await admin.GetPageAsync($"/Admin/Users/{id}"), "form[action*='handler=Role']", new() { ["Role.Role"] = ["Administrator"] });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        await AssertSignedOutAsync(supervisor);
        using var asAdministrator = await app.SignInAsync("supervisor@demo.local");
        Assert.Equal(HttpStatusCode.Forbidden, (await asAdministrator.Http.GetAsync(new Uri("/Reviews/New", UriKind.Relative))).StatusCode);

        await admin.SubmitAsync(await admin.GetPageAsync($"/Admin/Users/{id}"), "form[action*='handler=Role']", new() { ["Role.Role"] = ["Supervisor"] });
    }

    [Fact]
    public async Task Should_carry_the_jurisdiction_s_time_zone_in_the_cookie_and_renew_it_at_the_next_request_after_a_change()
    {
        using var supervisor = await app.SignInAsync("supervisor@demo.local");
        var jurisdictionId = await app.QueryDbAsync(db => db.Users.Where(u => u.Email == "supervisor@demo.local").Select(u => u.JurisdictionId!.Value).SingleAsync());
        var zone = await app.QueryDbAsync(db => db.Jurisdictions.IgnoreQueryFilters().Where(j => j.Id == jurisdictionId).Select(j => j.TimeZoneId).SingleAsync());

        // Unchanged: the one-query check lets the cookie through as it is, time zone included.
        var unchanged = await supervisor.Http.GetAsync(new Uri("/Reviews", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, unchanged.StatusCode);
        Assert.Null(AuthenticationCookie(unchanged));

        await app.QueryDbAsync(db => db.Jurisdictions.IgnoreQueryFilters().Where(j => j.Id == jurisdictionId).ExecuteUpdateAsync(s => s.SetProperty(j => j.TimeZoneId, "Pacific/Honolulu")));
        try
        {
            var renewed = await supervisor.Http.GetAsync(new Uri("/Reviews", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
            var cookie = AuthenticationCookie(renewed) ?? throw new Xunit.Sdk.XunitException("The cookie was not renewed after the time zone changed.");
            var ticket = SignInCookie().TicketDataFormat.Unprotect(cookie);
            Assert.Equal("Pacific/Honolulu", ticket?.Principal.FindFirst(AppClaims.TimeZone)?.Value);
            Assert.Null(AuthenticationCookie(await supervisor.Http.GetAsync(new Uri("/Reviews", UriKind.Relative))));
        }
        finally
        {
            await app.QueryDbAsync(db => db.Jurisdictions.IgnoreQueryFilters().Where(j => j.Id == jurisdictionId).ExecuteUpdateAsync(s => s.SetProperty(j => j.TimeZoneId, zone)));
        }
    }

    private CookieAuthenticationOptions SignInCookie() =>
        app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);

    /// <summary>The sign-in cookie a response sets, if it sets one.</summary>
    private string? AuthenticationCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.Select(v => v.Split(';', 2)[0]).Where(v => v.StartsWith(SignInCookie().Cookie.Name + "=", StringComparison.Ordinal)).Select(v => v[(v.IndexOf('=', StringComparison.Ordinal) + 1)..]).FirstOrDefault()
            : null;

    [Fact]
    public async Task Should_end_a_session_after_30_idle_minutes_and_not_while_it_is_used()
    {
        var clock = new ShiftedClock();
        await using var factory = app.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<TimeProvider>(clock)));
        using var client = AppFactory.CreateAppClient(factory);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync("facilitator@demo.local", AppFactory.Password)).StatusCode);

        // Used every 20 minutes, for 60 minutes: the 30-minute timeout slides with each request.
        for (var minutes = 20; minutes <= 60; minutes += 20)
        {
            clock.Shift = TimeSpan.FromMinutes(minutes);
            var used = await client.Http.GetAsync(new Uri("/Reviews", UriKind.Relative));
            Assert.True(used.StatusCode == HttpStatusCode.OK, $"After {minutes} minutes of use: {(int)used.StatusCode}.");
        }

        clock.Shift = TimeSpan.FromMinutes(60 + 31);
        await AssertSignedOutAsync(client);
    }

    [Fact]
    public async Task Should_tell_browsers_to_use_https_only_outside_development()
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://reviews.agency.example") });

        var response = await client.GetAsync(new Uri("/Account/Login", UriKind.Relative));

        Assert.Equal("max-age=31536000", response.Headers.GetValues("Strict-Transport-Security").Single());
    }

    private static async Task AssertSignedOutAsync(AppClient client)
    {
        var response = await client.Http.GetAsync(new Uri("/Reviews", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("https://localhost/Account/Login", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The real time, moved forward by <see cref="Shift"/>: the app's cookies and security stamps see the future.</summary>
    private sealed class ShiftedClock : TimeProvider
    {
        public TimeSpan Shift { get; set; }

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Shift;
    }
}
