using System.Net;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.TestSupport;
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

    [Fact]
    public async Task Record_review_and_family_needs_forms_never_answer_with_a_server_error()
    {
        var id = await app.ReviewAtAsync(ReviewStage.FamilyNeeds);
        using var client = await app.SignInAsync("facilitator@demo.local");

        await AssertNoServerErrorAsync(client, $"/Reviews/{id}/Chronology", "#add-entry");
        var entryId = await LiveScopeAsync((db, _) => LiveSessionScene.AddChronologyEntryAsync(db, id, Forms.Today.AddDays(-3), "Hostile test entry"));
        await AssertNoServerErrorAsync(client, $"/Reviews/{id}/Chronology/{entryId}/Edit");
        await AssertNoServerErrorAsync(client, $"/Reviews/{id}/Chronology", "form[action*='handler=Delete']");

        var page = $"/Reviews/{id}/FamilyNeeds";
        foreach (var handler in new[] { "AddNeed", "Rate", "Bias", "Voice" })
        {
            await AssertNoServerErrorAsync(client, page, $"form[action*='handler={handler}']");
        }

        var needs = await client.GetPageAsync(page);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(needs, "form[action*='handler=AddNeed']", new()
        {
            ["Need.Category"] = ["Housing"],
            ["Need.Description"] = ["A need to edit"],
            ["Need.Status"] = ["IdentifiedMet"],
        })).StatusCode);
        var needId = await app.QueryDbAsync(db => db.Needs.IgnoreQueryFilters().Where(n => n.ReviewId == id).MaxAsync(n => n.Id));
        await AssertNoServerErrorAsync(client, $"/Reviews/{id}/FamilyNeeds/Needs/{needId}/Edit");
        await AssertNoServerErrorAsync(client, page, "form[action*='handler=DeleteNeed']");
        await AssertNoServerErrorAsync(client, page, "form[action*='handler=Complete']");
    }

    [Fact]
    public async Task Debrief_forms_never_answer_with_a_server_error()
    {
        var id = await app.ReviewAtAsync(ReviewStage.Debrief);
        var scene = await LiveScopeAsync((db, users) => LiveSessionScene.ScheduleAsync(db, users, id, DateTimeOffset.UtcNow));
        using var client = await app.SignInAsync("facilitator@demo.local");

        await AssertNoServerErrorAsync(client, $"/Reviews/{id}/Debrief", "form[action*='handler=Schedule']");
        var session = $"/Reviews/{id}/Debrief/Sessions/{scene.SessionId}";
        foreach (var handler in new[] { "AddStaff", "AddOutside", "Remove", "Reschedule" })
        {
            await AssertNoServerErrorAsync(client, session, $"form[action*='handler={handler}']");
        }

        // Removal is offered until a participant agrees to the ground rules; then the rules are recorded for real.
        var live = session + "/Live";
        await AssertNoServerErrorAsync(client, live, "form[action*='handler=GroundRules']");
        var rules = await client.GetPageAsync(live);
        var agreed = rules.QuerySelectorAll("input[name='Rules.Agreed']").Select(i => i.GetAttribute("value")!).ToArray();
        await client.SubmitAsync(rules, "form[action*='handler=GroundRules']", new() { ["Rules.Agreed"] = agreed });
        foreach (var handler in new[] { "Capture", "Notes" })
        {
            await AssertNoServerErrorAsync(client, session + "/Live", $"form[action*='handler={handler}']");
        }

        var pointId = await app.QueryDbAsync(db => db.DecisionPoints.IgnoreQueryFilters().Where(p => p.ReviewId == id).MaxAsync(p => (int?)p.Id));
        if (pointId is null)
        {
            var capture = await client.GetPageAsync(live);
            await client.SubmitAsync(capture, "form[action*='handler=Capture']", new()
            {
                ["Capture.Date"] = [Forms.Iso(Forms.Today.AddDays(-2))],
                ["Capture.Role"] = ["Supervisor"],
                ["Capture.Decision"] = ["A decision to edit"],
            });
            pointId = await app.QueryDbAsync(db => db.DecisionPoints.IgnoreQueryFilters().Where(p => p.ReviewId == id).MaxAsync(p => (int?)p.Id));
        }

        await AssertNoServerErrorAsync(client, $"/Reviews/{id}/Debrief/DecisionPoints/{pointId}/Edit");
        await AssertNoServerErrorAsync(client, $"/Reviews/{id}/Debrief/DecisionPoints", "form[action*='handler=Delete']");
        await AssertNoServerErrorAsync(client, session + "/Live", "form[action*='handler=Held']");
        await AssertNoServerErrorAsync(client, $"/Reviews/{id}/Debrief", "form[action*='handler=Complete']");
        await AssertNoServerErrorAsync(client, session, "form[action*='handler=Cancel']");
    }

    [Fact]
    public async Task Findings_approval_and_follow_up_forms_never_answer_with_a_server_error()
    {
        // Approving first: a hostile value that happens to be a valid comment returns the review, and the page then has no forms.
        var atApproval = await app.ReviewAtAsync(ReviewStage.Approval);
        using var supervisor = await app.SignInAsync("supervisor@demo.local");
        await AssertNoServerErrorAsync(supervisor, $"/Reviews/{atApproval}/Approval", "#approve-form");
        await AssertNoServerErrorAsync(supervisor, $"/Reviews/{atApproval}/Approval", "#return-form");

        var atFindings = await app.ReviewAtAsync(ReviewStage.Findings);
        using var facilitator = await app.SignInAsync("facilitator@demo.local");
        var findings = $"/Reviews/{atFindings}/Findings";
        await AssertNoServerErrorAsync(facilitator, findings, "form[action*='handler=AddFinding']");
        // The returned review is back at Findings with its finding: its edit forms are open again.
        Assert.Equal(ReviewStage.Findings, await app.QueryDbAsync(db => db.Reviews.IgnoreQueryFilters().Where(r => r.Id == atApproval).Select(r => r.Stage).SingleAsync()));
        var findingId = await app.QueryDbAsync(db => db.Findings.IgnoreQueryFilters().Where(f => f.ReviewId == atApproval).Select(f => f.Id).SingleAsync());
        var actionOfFinding = await app.QueryDbAsync(db => db.ReviewActions.IgnoreQueryFilters().Where(a => a.FindingId == findingId).Select(a => a.Id).SingleAsync());
        await AssertNoServerErrorAsync(facilitator, $"/Reviews/{atApproval}/Findings/{findingId}/Edit", "main form");
        await AssertNoServerErrorAsync(facilitator, $"/Reviews/{atApproval}/Findings/{findingId}/Actions/New", "#add-action-form");
        await AssertNoServerErrorAsync(facilitator, $"/Reviews/{atApproval}/Findings/Actions/{actionOfFinding}/Edit", "main form");

        await AssertNoServerErrorAsync(facilitator, findings, "#submit-form");

        var approved = await app.ReviewAtAsync(ReviewStage.Approved);
        var actionId = await app.QueryDbAsync(db => db.ReviewActions.IgnoreQueryFilters().Where(a => a.ReviewId == approved).MaxAsync(a => a.Id));
        await AssertNoServerErrorAsync(supervisor, $"/Actions/{actionId}", "#update-status");
    }

    private async Task<T> LiveScopeAsync<T>(Func<ReviewsDbContext, UserManager<ApplicationUser>, Task<T>> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await action(
            scope.ServiceProvider.GetRequiredService<ReviewsDbContext>(),
            scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>());
    }

    [Theory]
    [InlineData("/Reviews?stage=Nonsense&p=-4&search=%3Cb%3E")]
    [InlineData("/Reviews?p=99999999999999")]
    [InlineData("/Reviews/2147483647")]
    [InlineData("/Reviews/-1/EditIntake")]
    [InlineData("/Admin/Users/%27%20OR%201=1%20--")]
    [InlineData("/Reviews/2147483647/Chronology/-1/Edit")]
    [InlineData("/Reviews/1/FamilyNeeds/Needs/2147483647/Edit")]
    [InlineData("/Reviews/1/Debrief/Sessions/99999999")]
    [InlineData("/Reviews/1/Debrief/Sessions/-5/Live")]
    [InlineData("/Reviews/1/Debrief/DecisionPoints/0/Edit")]
    [InlineData("/Reviews/999999/History")]
    public async Task Hand_edited_addresses_never_answer_with_a_server_error(string url)
    {
        using var admin = await app.SignInAsync("supervisor@demo.local");

        var response = await admin.Http.GetAsync(new Uri(url, UriKind.Relative));

        Assert.True((int)response.StatusCode < 500, $"{url} answered {(int)response.StatusCode}.");
    }
}
