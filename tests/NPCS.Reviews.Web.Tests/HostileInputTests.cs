using System.Net;
using AngleSharp.Dom;
using NPCS.Reviews.Web.Tests.Support;

namespace NPCS.Reviews.Web.Tests;

/// <summary>No input a user can type, or a hand-made request can carry, answers with a server error.</summary>
public class HostileInputTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly string[] Values =
    [
        "",
        " ",
        "-1",
        "99999999999999999999999",
        "1e309",
        "0001-01-01",
        "9999-12-31",
        "2026-02-30",
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "\u202e\u0000\ud83d\ude00 ü 中文",
        new string('x', 20_000),
    ];

    private static IEnumerable<string> FieldNames(IDocument page, string formSelector) =>
        page.QuerySelector(formSelector)!.QuerySelectorAll("input[name], select[name], textarea[name]")
            .Select(e => e.GetAttribute("name")!)
            .Where(n => n != "__RequestVerificationToken")
            .Distinct();

    private static async Task AssertNoServerErrorAsync(AppClient client, string url, string formSelector = "main form")
    {
        var page = await client.GetPageAsync(url);
        foreach (var field in FieldNames(page, formSelector))
        {
            foreach (var value in Values)
            {
                var response = await client.SubmitAsync(page, formSelector, new() { [field] = [value] });
                Assert.True((int)response.StatusCode < 500, $"{url}: {field} = '{value[..Math.Min(value.Length, 40)]}' answered {(int)response.StatusCode}.");
                if (response.StatusCode == HttpStatusCode.Redirect)
                {
                    // It saved (the value was acceptable): reload so the next try has a fresh version token.
                    // A one-way action (an override) leaves no form to try again.
                    page = await client.GetPageAsync(url);
                    if (page.QuerySelector(formSelector) is null)
                    {
                        return;
                    }
                }
            }
        }
    }

    [Fact]
    public async Task Intake_forms_never_answer_with_a_server_error()
    {
        using var client = await app.SignInAsync("supervisor@demo.local");
        await AssertNoServerErrorAsync(client, "/Reviews/New");

        var form = await client.GetPageAsync("/Reviews/New");
        var created = await client.SubmitAsync(form, "main form", Forms.ValidIntake("HOSTILE-1"));
        var overview = created.Headers.Location!.OriginalString;
        await AssertNoServerErrorAsync(client, overview + "/EditIntake");
        await AssertNoServerErrorAsync(client, overview, "form[action*='Assign']");

        var screenedOut = await client.SubmitAsync(await client.GetPageAsync("/Reviews/New"), "main form", Forms.ValidIntake("HOSTILE-2")
            .With("Data.IncidentType", "Fatality").With("Data.OpenCaseAtIncident", "No").With("Data.MostRecentContact", ""));
        await AssertNoServerErrorAsync(client, screenedOut.Headers.Location!.OriginalString, "form[action*='Override']");
    }

    [Fact]
    public async Task Administration_and_account_forms_never_answer_with_a_server_error()
    {
        using var admin = await app.SignInAsync("admin@demo.local");
        await AssertNoServerErrorAsync(admin, "/Admin/Users/Create");
        await AssertNoServerErrorAsync(admin, "/Admin/Policy");
        var caseworkerId = await app.QueryDbAsync(db => Task.FromResult(db.Users.Single(u => u.Email == "caseworker@demo.local").Id));
        await AssertNoServerErrorAsync(admin, $"/Admin/Users/{caseworkerId}", "form[action*='Role']");

        using var anonymous = app.CreateAppClient();
        await AssertNoServerErrorAsync(anonymous, "/Account/Login");
        await AssertNoServerErrorAsync(anonymous, "/Account/SetPassword?userId=nobody&code=not-a-code");
    }

    [Theory]
    [InlineData("/Reviews?stage=Nonsense&p=-4&search=%3Cb%3E")]
    [InlineData("/Reviews?p=99999999999999")]
    [InlineData("/Reviews/2147483647")]
    [InlineData("/Reviews/-1/EditIntake")]
    [InlineData("/Admin/Users/%27%20OR%201=1%20--")]
    public async Task Hand_edited_addresses_never_answer_with_a_server_error(string url)
    {
        using var admin = await app.SignInAsync("supervisor@demo.local");

        var response = await admin.Http.GetAsync(new Uri(url, UriKind.Relative));

        Assert.True((int)response.StatusCode < 500, $"{url} answered {(int)response.StatusCode}.");
    }
}
