using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.TestSupport;
using NPCS.Reviews.Web.Tests.Support;

namespace NPCS.Reviews.Web.Tests;

/// <summary>
/// Errors are announced without script: every form with validated fields, posted empty (or with a
/// value too long where empty is allowed), comes back with the validation summary (focusable, listing
/// each field's message) and each field in error marked <c>aria-invalid="true"</c> with
/// <c>aria-describedby</c> naming an element that exists and holds its message.
/// </summary>
public sealed class ErrorAnnouncementTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>Longer than any text field of the app allows (session notes take 20,000 characters).</summary>
    private static readonly string TooLong = new('x', 20_001);

    /// <summary>A form of a page, as a user finds it: the address, and the form's selector on it.</summary>
    private sealed record FormUnderTest(string Url, string Selector);

    private static IHtmlFormElement FormOf(IDocument page, string selector) =>
        page.QuerySelector<IHtmlFormElement>(selector) ?? throw new InvalidOperationException($"{page.Url} has no form {selector}.");

    /// <summary>Every field the user fills in (not hidden values, not buttons), set to <paramref name="text"/> or unticked.</summary>
    private static Dictionary<string, string[]> Emptied(IDocument page, string selector, string text)
    {
        var values = new Dictionary<string, string[]>();
        foreach (var element in FormOf(page, selector).Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || name == "__RequestVerificationToken")
            {
                continue;
            }

            switch (element)
            {
                case IHtmlInputElement input when input.Type is "checkbox" or "radio":
                    values.TryAdd(name, []);
                    break;
                case IHtmlInputElement input when input.Type is "hidden" or "submit" or "button" or "file":
                    break;
                case IHtmlInputElement input when input.Type is "date" or "time" or "number" or "email" or "password":
                    values[name] = [string.Empty];
                    break;
                case IHtmlInputElement or IHtmlTextAreaElement:
                    values[name] = [text];
                    break;
                case IHtmlSelectElement:
                    values[name] = [string.Empty];
                    break;
            }
        }

        return values;
    }

    /// <summary>Posts the form emptied, or with too-long text if empty is accepted, and checks how the refusal is announced.</summary>
    private static async Task AssertErrorsAnnouncedAsync(AppClient client, FormUnderTest form)
    {
        var page = await client.GetPageAsync(form.Url);
        var response = await client.SubmitAsync(page, form.Selector, Emptied(page, form.Selector, string.Empty));
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            // Empty is a valid answer here (optional text): a value over the limit is not.
            page = await client.GetPageAsync(form.Url);
            response = await client.SubmitAsync(page, form.Selector, Emptied(page, form.Selector, TooLong));
        }

        var what = $"{form.Url} {form.Selector}";
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{what}: an invalid post answered {(int)response.StatusCode}, not the form again.");
        AssertAnnounced(await AppClient.ParseAsync(response), what);
    }

    private static void AssertAnnounced(IDocument page, string what)
    {
        var summary = page.QuerySelector(".validation-summary-errors");
        Assert.True(summary is not null, $"{what}: no validation summary.");
        Assert.Equal("-1", summary.GetAttribute("tabindex"));
        var listed = summary.QuerySelectorAll("li").Select(li => li.TextContent.Trim()).ToList();

        var messages = page.QuerySelectorAll("[data-valmsg-for]").Where(m => !string.IsNullOrWhiteSpace(m.TextContent)).ToList();
        Assert.True(messages.Count > 0, $"{what}: no message beside any field.");
        foreach (var message in messages)
        {
            var field = message.GetAttribute("data-valmsg-for")!;
            var text = message.TextContent.Trim();
            Assert.True(!string.IsNullOrEmpty(message.Id), $"{what}: the message of {field} has no id.");
            Assert.True(listed.Contains(text), $"{what}: the summary does not list \"{text}\" ({field}); it lists: {string.Join(" | ", listed)}.");
            var controls = page.QuerySelectorAll("input, select, textarea")
                .Where(c => c.GetAttribute("name") == field && c.GetAttribute("type") != "hidden").ToList();
            if (controls.Count == 0)
            {
                // A message about a list as a whole (at least one unit, every factor rated): the group of its fields says it.
                Assert.True(page.QuerySelectorAll("fieldset").Any(g => Tokens(g).Contains(message.Id) && g.QuerySelector("input, select, textarea") is not null),
                    $"{what}: the message \"{text}\" names {field}, which is neither a field of the page nor described on a group of fields.");
                continue;
            }

            foreach (var control in controls)
            {
                var label = control.Id ?? field;
                Assert.True(control.GetAttribute("aria-invalid") == "true", $"{what}: {label} is in error but not aria-invalid.");
                var describedBy = Tokens(control).Concat(control.Closest("fieldset") is { } group ? Tokens(group) : []);
                Assert.True(describedBy.Contains(message.Id), $"{what}: {label} is not described by its message #{message.Id}.");
            }
        }

        // And the other way round: whatever says it is invalid points at what exists and says why.
        foreach (var control in page.QuerySelectorAll("[aria-invalid='true']"))
        {
            var label = control.Id ?? control.GetAttribute("name");
            var described = Tokens(control).Select(id => (Id: id, Element: page.GetElementById(id))).ToList();
            Assert.True(described.Count > 0, $"{what}: {label} is aria-invalid without aria-describedby.");
            foreach (var (id, element) in described)
            {
                Assert.True(element is not null, $"{what}: {label} is described by #{id}, which is not on the page.");
            }

            Assert.True(described.Any(d => d.Element!.HasAttribute("data-valmsg-for") && !string.IsNullOrWhiteSpace(d.Element.TextContent)),
                $"{what}: {label} is aria-invalid but none of {string.Join(", ", described.Select(d => d.Id))} holds a message.");
        }
    }

    private static string[] Tokens(IElement element) =>
        (element.GetAttribute("aria-describedby") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private async Task<T> ScopeAsync<T>(Func<ReviewsDbContext, UserManager<ApplicationUser>, Task<T>> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<ReviewsDbContext>(), scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>());
    }

    [Fact]
    public async Task Intake_and_overview_forms_announce_their_errors()
    {
        using var caseworker = await app.SignInAsync("caseworker@demo.local");
        await AssertErrorsAnnouncedAsync(caseworker, new("/Reviews/New", "main form"));

        var id = await app.ReviewAtAsync(ReviewStage.Intake);
        await AssertErrorsAnnouncedAsync(caseworker, new($"/Reviews/{id}/EditIntake", "main form"));

        using var supervisor = await app.SignInAsync("supervisor@demo.local");
        var screenedOut = await supervisor.SubmitAsync(await supervisor.GetPageAsync("/Reviews/New"), "main form", Forms.ValidIntake("ANNOUNCE-1")
            .With("Data.IncidentType", "Fatality").With("Data.OpenCaseAtIncident", "No").With("Data.MostRecentContact", ""));
        await AssertErrorsAnnouncedAsync(supervisor, new(screenedOut.Headers.Location!.OriginalString, "form[action*='handler=Override']"));

        var approved = await app.ReviewAtAsync(ReviewStage.Approved);
        await AssertErrorsAnnouncedAsync(supervisor, new($"/Reviews/{approved}", "form[action*='handler=Reopen']"));
    }

    [Fact]
    public async Task Record_review_and_family_needs_forms_announce_their_errors()
    {
        var id = await app.ReviewAtAsync(ReviewStage.FamilyNeeds);
        var entryId = await ScopeAsync((db, _) => LiveSessionScene.AddChronologyEntryAsync(db, id, Forms.Today.AddDays(-3), "An entry to edit"));
        var needId = await ScopeAsync(async (db, _) =>
        {
            var review = await db.Reviews.IgnoreQueryFilters().SingleAsync(r => r.Id == id);
            var need = review.AddNeed(new NeedDetails(NeedCategory.Housing, "A need to edit", NeedStatus.IdentifiedUnmet, NeedBarrier.Waitlist, null));
            db.Needs.Add(need);
            await db.SaveChangesAsync();
            return need.Id;
        });
        using var client = await app.SignInAsync("facilitator@demo.local");

        foreach (var form in new FormUnderTest[]
        {
            new($"/Reviews/{id}/Chronology", "#add-entry"),
            new($"/Reviews/{id}/Chronology/{entryId}/Edit", "main form"),
            new($"/Reviews/{id}/FamilyNeeds", "#add-need-form"),
            new($"/Reviews/{id}/FamilyNeeds", "#factors-form"),
            new($"/Reviews/{id}/FamilyNeeds", "#bias-form"),
            new($"/Reviews/{id}/FamilyNeeds", "#voice-form"),
            new($"/Reviews/{id}/FamilyNeeds/Needs/{needId}/Edit", "main form"),
        })
        {
            await AssertErrorsAnnouncedAsync(client, form);
        }
    }

    [Fact]
    public async Task Debrief_forms_announce_their_errors()
    {
        var id = await app.ReviewAtAsync(ReviewStage.Debrief);
        await ScopeAsync((db, _) => LiveSessionScene.AddChronologyEntryAsync(db, id, Forms.Today.AddDays(-3), "An agenda entry"));
        var session = await ScopeAsync((db, users) => LiveSessionScene.ScheduleAsync(db, users, id, DateTimeOffset.UtcNow));
        var recorded = await ScopeAsync((db, users) => LiveSessionScene.ScheduleAsync(db, users, id, DateTimeOffset.UtcNow, groundRules: true));
        var pointId = await ScopeAsync(async (db, _) =>
        {
            var review = await db.Reviews.IgnoreQueryFilters().SingleAsync(r => r.Id == id);
            var held = await db.DebriefSessions.IgnoreQueryFilters().SingleAsync(s => s.Id == recorded.SessionId);
            var point = review.AddDecisionPoint(held, new DecisionDetails(Forms.Today.AddDays(-9), null, DeciderRole.Investigator, "A decision to edit", null, null, null, Pressure.None, null), null, DateTimeOffset.UtcNow);
            db.DecisionPoints.Add(point);
            await db.SaveChangesAsync();
            return point.Id;
        });
        using var client = await app.SignInAsync("facilitator@demo.local");

        var sessionUrl = $"/Reviews/{id}/Debrief/Sessions/{session.SessionId}";
        var liveUrl = $"/Reviews/{id}/Debrief/Sessions/{recorded.SessionId}/Live";
        foreach (var form in new FormUnderTest[]
        {
            new($"/Reviews/{id}/Debrief", "form[action*='handler=Schedule']"),
            new(sessionUrl, "form.add-staff"),
            new(sessionUrl, "form.add-outside"),
            new(sessionUrl, "form.reschedule"),
            new(sessionUrl, "form.cancel-session"),
            new($"{sessionUrl}/Live", "form[action*='handler=GroundRules']"),
            new(liveUrl, "form[action*='handler=Capture']"),
            new(liveUrl, "form[action*='handler=Notes']"),
            new($"/Reviews/{id}/Debrief/DecisionPoints/{pointId}/Edit", "main form.dp-form"),
        })
        {
            await AssertErrorsAnnouncedAsync(client, form);
        }
    }

    [Fact]
    public async Task Findings_approval_and_follow_up_forms_announce_their_errors()
    {
        using var supervisor = await app.SignInAsync("supervisor@demo.local");
        var returned = await app.ReviewAtAsync(ReviewStage.Approval);
        await AssertErrorsAnnouncedAsync(supervisor, new($"/Reviews/{returned}/Approval", "#return-form"));
        var approval = await supervisor.GetPageAsync($"/Reviews/{returned}/Approval");
        Assert.Equal(HttpStatusCode.Redirect, (await supervisor.SubmitAsync(approval, "#return-form", new() { ["Return.Comments"] = ["Look again at the actions."] })).StatusCode);

        var findingId = await app.QueryDbAsync(db => db.Findings.IgnoreQueryFilters().Where(f => f.ReviewId == returned).Select(f => f.Id).SingleAsync());
        var actionOfFinding = await app.QueryDbAsync(db => db.ReviewActions.IgnoreQueryFilters().Where(a => a.FindingId == findingId).Select(a => a.Id).SingleAsync());
        using var facilitator = await app.SignInAsync("facilitator@demo.local");
        foreach (var form in new FormUnderTest[]
        {
            new($"/Reviews/{returned}/Findings", "#add-finding-form"),
            new($"/Reviews/{returned}/Findings/{findingId}/Edit", "#edit-finding-form"),
            new($"/Reviews/{returned}/Findings/{findingId}/Actions/New", "#add-action-form"),
            new($"/Reviews/{returned}/Findings/Actions/{actionOfFinding}/Edit", "#edit-action-form"),
            new($"/Reviews/{returned}/Findings/Actions/{actionOfFinding}/Edit", "#not-adopt-form"),
        })
        {
            await AssertErrorsAnnouncedAsync(facilitator, form);
        }

        var approved = await app.ReviewAtAsync(ReviewStage.Approved);
        var actionId = await app.QueryDbAsync(db => db.ReviewActions.IgnoreQueryFilters().Where(a => a.ReviewId == approved).MaxAsync(a => a.Id));
        await AssertErrorsAnnouncedAsync(supervisor, new($"/Actions/{actionId}", "#update-status"));
    }

    [Fact]
    public async Task Administration_survey_and_account_forms_announce_their_errors()
    {
        using var admin = await app.SignInAsync("admin@demo.local");
        var caseworkerId = await app.UserIdAsync("caseworker@demo.local");
        foreach (var form in new FormUnderTest[]
        {
            new("/Admin/Users/Create", "main form"),
            new($"/Admin/Users/{caseworkerId}", "form[action*='handler=Role']"),
            new("/Admin/Policy", "main form"),
            new("/Admin/Sharing", "main form"),
            new("/Admin/Catalog", "form[action*='handler=Add']"),
            new("/Surveys/New", "main form"),
        })
        {
            await AssertErrorsAnnouncedAsync(admin, form);
        }

        using var anonymous = app.CreateAppClient();
        await AssertErrorsAnnouncedAsync(anonymous, new("/Account/Login", "main form"));
    }
}
