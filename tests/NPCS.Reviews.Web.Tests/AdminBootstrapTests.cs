using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Web.Infrastructure;
using NPCS.Reviews.Web.Tests.Support;

namespace NPCS.Reviews.Web.Tests;

public class AdminBootstrapTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        await using var output = new StringWriter();
        var code = await AdminBootstrap.RunAsync(app.Services, args, output);
        return (code, output.ToString());
    }

    private Task<int> JurisdictionCountAsync() => app.QueryDbAsync(db => db.Jurisdictions.IgnoreQueryFilters().CountAsync());

    [Fact]
    public async Task Should_open_a_new_jurisdiction_and_its_first_administrator_who_sets_a_password_through_the_printed_link()
    {
        var (code, output) = await RunAsync(
            "create-admin", "--jurisdiction-name", "Example County", "--jurisdiction-code", "exmp", "--kind", "Tribal",
            "--time-zone", "America/Denver", "--email", "first.admin@example.gov", "--name", "Pat Admin", "--base-url", "https://localhost");

        Assert.Equal(0, code);
        Assert.Contains("Created jurisdiction Example County (EXMP), time zone America/Denver.", output, StringComparison.Ordinal);
        var link = output.Split('\n', StringSplitOptions.TrimEntries).Single(l => l.StartsWith("https://localhost/Account/SetPassword?", StringComparison.Ordinal));

        using var person = app.CreateAppClient();
        var page = await person.GetPageAsync(new Uri(link).PathAndQuery);
        var done = await person.SubmitAsync(page, "main form", new()
        {
            ["Input.Password"] = ["first administrator passphrase"],
            ["Input.ConfirmPassword"] = ["first administrator passphrase"],
        });
        Assert.Contains("Your password is set", (await AppClient.ParseAsync(done)).Body?.TextContent, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await person.SignInAsync("first.admin@example.gov", "first administrator passphrase")).StatusCode);

        // A new jurisdiction requires two-factor sign-in for its administrators: set it up first.
        var held = await person.Http.GetAsync(new Uri("/Admin/Users", UriKind.Relative));
        Assert.Equal("/Account/TwoFactor", held.Headers.Location?.OriginalString);
        await TwoFactorSteps.SetUpAsync(person);
        var users = await person.GetPageAsync("/Admin/Users");
        Assert.Contains("Pat Admin", users.Body?.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Casey Caseworker", users.Body?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_refuse_an_existing_email_and_leave_no_new_jurisdiction_behind()
    {
        var before = await JurisdictionCountAsync();

        var (code, output) = await RunAsync(
            "create-admin", "--jurisdiction-name", "Another County", "--jurisdiction-code", "ANTH",
            "--email", "admin@demo.local", "--name", "Someone", "--base-url", "https://localhost");

        Assert.Equal(1, code);
        Assert.Contains("already exists; nothing changed", output, StringComparison.Ordinal);
        Assert.Equal(before, await JurisdictionCountAsync());
    }

    [Theory]
    [InlineData("--jurisdiction-code", "NOT A CODE")]
    [InlineData("--time-zone", "Mars/Olympus_Mons")]
    [InlineData("--time-zone", "Europe/Paris")]
    [InlineData("--kind", "Galactic")]
    [InlineData("--base-url", "not a url")]
    [InlineData("--email", "no-at-sign")]
    public async Task Should_explain_usage_for_bad_arguments_and_change_nothing(string option, string value)
    {
        var args = new Dictionary<string, string>
        {
            ["--jurisdiction-name"] = "Bad Input County",
            ["--jurisdiction-code"] = "BADI",
            ["--email"] = "bad.input@example.gov",
            ["--name"] = "Bad Input",
            ["--base-url"] = "https://localhost",
            [option] = value,
        };
        var before = await JurisdictionCountAsync();

        var (code, output) = await RunAsync(["create-admin", .. args.SelectMany(a => new[] { a.Key, a.Value })]);

        Assert.Equal(2, code);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
        Assert.Equal(before, await JurisdictionCountAsync());
    }

    [Fact]
    public async Task Should_open_an_npcs_analyst_outside_any_jurisdiction()
    {
        var (code, output) = await RunAsync("create-analyst", "--email", "analyst@npcs.example", "--name", "Nat Analyst", "--base-url", "https://localhost");

        Assert.Equal(0, code);
        Assert.Contains("Analyst analyst@npcs.example created (NPCS level, no jurisdiction).", output, StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var analyst = await users.FindByEmailAsync("analyst@npcs.example");
        Assert.NotNull(analyst);
        Assert.Null(analyst.JurisdictionId);
        Assert.Equal([Roles.Analyst], await users.GetRolesAsync(analyst));
    }
}
