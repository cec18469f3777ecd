using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.BrowserTests.Infrastructure;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.TestSupport;
using static Microsoft.Playwright.Assertions;
using static NPCS.Reviews.BrowserTests.Infrastructure.KeyboardOnly;

namespace NPCS.Reviews.BrowserTests.Accessibility;

/// <summary>
/// The whole intake and a whole debrief capture, done with Tab, Shift+Tab, Enter and Space and typing
/// alone (see <see cref="KeyboardOnly"/>): every control is reached by tabbing, focus is visible on
/// each, and after every save focus is on something meaningful, never on the body.
/// </summary>
[Collection(UsesBrowser.Name)]
public sealed class KeyboardOnlyTests(BrowserFixture app)
{
    /// <summary>What an en-US Chromium date field takes, typed: month, day and year.</summary>
    private static string Typed(DateOnly date) => date.ToString("MMddyyyy", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Caseworker_records_a_review_from_the_list_with_the_keyboard_alone_through_a_failed_save()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "caseworker@demo.local");
        await page.GotoAsync("Reviews");

        await PressAsync(page, page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "New review", Exact = true }), "the list's New review link");
        await Expect(page).ToHaveURLAsync(new Regex("/Reviews/New$"));

        var today = Incident.Today;
        var reference = Incident.UniqueCaseReference();
        // Radios: Tab enters each group on its first option (none is checked yet) and Space selects
        // it, so the first option of each group is the one chosen: Fatality, Female, Yes, Yes.
        await TickAsync(page, IntakeForm.Group(page, "Incident type").GetByRole(AriaRole.Radio, new() { Name = "Fatality", Exact = true }), "Incident type: Fatality");
        await TypeAsync(page, page.GetByLabel("Incident date", new() { Exact = true }), "Incident date", Typed(today.AddDays(-6)));
        await TypeAsync(page, page.GetByLabel("Date agency notified", new() { Exact = true }), "Date agency notified", Typed(today.AddDays(-5)));
        var age = IntakeForm.Group(page, "Child's age");
        await TypeAsync(page, age.GetByLabel("Years", new() { Exact = true }), "Child's age in years", "1");
        await TypeAsync(page, age.GetByLabel("Months", new() { Exact = true }), "Child's age in months", "3");
        await TickAsync(page, IntakeForm.Group(page, "Child's sex").GetByRole(AriaRole.Radio, new() { Name = "Female", Exact = true }), "Child's sex: Female");
        await TickAsync(page, IntakeForm.Group(page, "Child's race and ethnicity").GetByRole(AriaRole.Checkbox, new() { Name = "White", Exact = true }), "Race: White");
        // The agency case reference is left empty on purpose: the first save fails on it.
        await TickAsync(page, IntakeForm.Group(page, "Open case at time of incident").GetByRole(AriaRole.Radio, new() { Name = "Yes", Exact = true }), "Open case: Yes");
        await TypeAsync(page, page.GetByLabel("Most recent agency contact", new() { Exact = true }), "Most recent agency contact", Typed(today.AddDays(-20)));
        await TypeAsync(page, page.GetByLabel("Reports in the prior 3 years", new() { Exact = true }), "Reports in the prior 3 years", "2");
        await TickAsync(page, IntakeForm.Group(page, "Prior substantiated maltreatment").GetByRole(AriaRole.Radio, new() { Name = "Yes", Exact = true }), "Prior substantiated: Yes");
        await TickAsync(page, IntakeForm.Group(page, "Alleged maltreatment").GetByRole(AriaRole.Checkbox, new() { Name = "Neglect", Exact = true }), "Alleged maltreatment: Neglect");
        // A focused select takes the option whose label starts with the letters typed.
        await TypeAsync(page, page.GetByLabel("Cause category", new() { Exact = true }), "Cause category", "Unsafe");
        await Expect(page.GetByLabel("Cause category", new() { Exact = true })).ToHaveValueAsync("UnsafeSleep");
        await TypeAsync(page, page.GetByLabel("Summary", new() { Exact = true }), "Summary", "Found unresponsive in a shared bed; revived by paramedics.");
        await PressAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Save incident" }), "Save incident");

        // Refused: the error summary has focus, its link takes focus to the field.
        await Expect(page).ToHaveURLAsync(new Regex("/Reviews/New$"));
        var summary = page.GetByRole(AriaRole.Alert);
        await Expect(summary).ToBeFocusedAsync();
        await AssertFocusVisibleAsync(page, "the error summary after the failed save");
        await page.Keyboard.PressAsync("Tab");
        var link = summary.GetByRole(AriaRole.Link, new() { Name = "Enter the agency case reference." });
        await Expect(link).ToBeFocusedAsync();
        await AssertFocusVisibleAsync(page, "the summary's link");
        await page.Keyboard.PressAsync("Enter");
        var caseReference = page.GetByLabel("Agency case reference", new() { Exact = true });
        await Expect(caseReference).ToBeFocusedAsync();
        await AssertFocusVisibleAsync(page, "the case reference reached from the summary");
        await page.Keyboard.TypeAsync(reference);
        await PressAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Save incident" }), "Save incident, again");

        // Saved: focus is on the message that says so.
        await Expect(page).ToHaveURLAsync(IntakeForm.OverviewUrl);
        await Expect(page.GetByRole(AriaRole.Status)).ToBeFocusedAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Incident recorded as DEMO-");
        await AssertFocusVisibleAsync(page, "the overview after the save");
        var intake = page.GetByRole(AriaRole.Region, new() { Name = "Intake" });
        await Expect(intake).ToContainTextAsync("Fatality");
        await Expect(intake).ToContainTextAsync("1 year 3 months");
        await Expect(intake).ToContainTextAsync(reference);
        await Expect(intake).ToContainTextAsync("Unsafe sleep / SUID");
        await Expect(intake).ToContainTextAsync("Found unresponsive in a shared bed");
    }

    [Fact]
    public async Task Facilitator_schedules_runs_and_holds_a_session_and_records_and_edits_a_decision_point_with_the_keyboard_alone()
    {
        var today = Incident.Today;
        var entryDate = today.AddDays(-25);
        int id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReviewsDbContext>();
            id = await ReviewScene.CreateAtAsync(db, scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(), ReviewStage.Debrief, DateTimeOffset.UtcNow);
            await LiveSessionScene.AddChronologyEntryAsync(db, id, entryDate, "Hotline report: bruise seen at school.");
        }

        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        // "Mark session as held" asks first; Enter on the dialog's default button is what a keyboard user does.
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await BrowserFixture.SignInAsync(page, "facilitator@demo.local");
        await page.GotoAsync($"Reviews/{id}/Debrief");

        // Schedule a session.
        await TypeAsync(page, page.GetByLabel("Date", new() { Exact = true }), "the session's date", Typed(today));
        await TypeAsync(page, page.GetByLabel("Start time (agency's local time)"), "the start time", "0930A");
        await TypeAsync(page, page.GetByLabel("Place or video link"), "the place", "Conference room B");
        await TypeAsync(page, page.GetByLabel("Facilitator", new() { Exact = true }), "the facilitator", "Frances");
        await PressAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Schedule session" }), "Schedule session");
        await Expect(page).ToHaveURLAsync(new Regex($"/Reviews/{id}/Debrief/Sessions/\\d+$"));
        await Expect(page.GetByRole(AriaRole.Status)).ToBeFocusedAsync();
        await AssertFocusVisibleAsync(page, "the session page after scheduling");

        // Who takes part.
        var staff = page.Locator("form.add-staff");
        await TypeAsync(page, staff.GetByLabel("Member of staff"), "Member of staff", "Casey");
        await TypeAsync(page, staff.GetByLabel("Role in the case"), "the staff member's role", "Investigator");
        await PressAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Add member of staff" }), "Add member of staff");
        await Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync("Casey Caseworker");
        // The table is parsed before the page's deferred script moves focus to the saved message: wait for that landing, as a user's next key would.
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Participant added.");
        await Expect(page.GetByRole(AriaRole.Status)).ToBeFocusedAsync();
        await AssertFocusVisibleAsync(page, "the session page after adding a participant");

        // Run it live: the ground rules, then the capture form takes the cursor.
        await PressAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Run this session (live facilitation)" }), "the live page link");
        await Expect(page).ToHaveURLAsync(new Regex("/Live$"));
        var rules = page.GetByRole(AriaRole.Group, new() { Name = "Present and agreed to the ground rules" });
        await TickAsync(page, rules.GetByRole(AriaRole.Checkbox, new() { Name = "Casey Caseworker", Exact = false }), "Casey agreed to the ground rules");
        await PressAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Record ground rules" }), "Record ground rules");
        await Expect(page.Locator("#live-status")).ToHaveTextAsync(new Regex("^Ground rules recorded: 1 "));
        var capture = page.Locator("#capture form");
        await Expect(capture.GetByLabel("Date of the decision")).ToBeFocusedAsync();
        await AssertFocusVisibleAsync(page, "the capture form after recording the ground rules");

        // An empty decision point is refused: the summary, then its first link, takes focus to its field.
        var save = capture.GetByRole(AriaRole.Button, new() { Name = "Save decision point" });
        await PressAsync(page, save, "Save decision point, empty");
        var summary = page.GetByRole(AriaRole.Alert);
        await Expect(summary).ToBeFocusedAsync();
        await AssertFocusVisibleAsync(page, "the error summary of the capture form");
        await page.Keyboard.PressAsync("Tab");
        await Expect(summary.GetByRole(AriaRole.Link).First).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("true", await page.EvaluateAsync<string?>("() => document.activeElement.getAttribute('aria-invalid')"));
        await AssertFocusVisibleAsync(page, "the field reached from the summary");

        // Every field of the decision point.
        await TypeAsync(page, capture.GetByLabel("Date of the decision"), "Date of the decision", Typed(today.AddDays(-20)));
        await TypeAsync(page, capture.GetByLabel("Chronology entry (optional)"), "Chronology entry", entryDate.ToString("d MMM yyyy", CultureInfo.InvariantCulture)[..1]);
        await Expect(capture.GetByLabel("Chronology entry (optional)")).Not.ToHaveValueAsync(string.Empty);
        await TypeAsync(page, capture.GetByLabel("Role of who decided"), "Role of who decided", "Inv");
        await Expect(capture.GetByLabel("Role of who decided")).ToHaveValueAsync("Investigator");
        await TypeAsync(page, capture.GetByLabel("What was decided"), "What was decided", "Closed the assessment with a referral");
        await TypeAsync(page, capture.GetByLabel("Cues that prompted it (optional)"), "Cues", "No new report for six weeks.");
        await TypeAsync(page, capture.GetByLabel("What the worker knew then (optional)"), "What the worker knew", "The mother had started classes.");
        await TypeAsync(page, capture.GetByLabel("What they expected to happen (optional)"), "What they expected", "That the classes would be enough.");
        var pressures = capture.GetByRole(AriaRole.Group, new() { Name = "Pressures (optional)" });
        await TickAsync(page, pressures.GetByRole(AriaRole.Checkbox, new() { Name = "Workload" }), "the Workload pressure");
        await TypeAsync(page, capture.GetByLabel("Pressures and context, in words (optional)"), "Pressures and context", "Three new cases that week.");
        await PressAsync(page, save, "Save decision point");
        await Expect(page.Locator("#live-status")).ToHaveTextAsync("Decision point 1 saved.");
        await Expect(capture.GetByLabel("Date of the decision")).ToBeFocusedAsync();
        await AssertFocusVisibleAsync(page, "the capture form after a save");

        // Held: the page says so, and focus is not lost.
        await PressAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Mark session as held" }), "Mark session as held");
        await Expect(page.Locator("#live-status")).ToHaveTextAsync("Session marked as held.");
        await AssertFocusVisibleAsync(page, "the live page after marking the session held");

        // Edit the decision point: a new role, and the decision said again (Tab selects a field's text, so typing replaces it).
        await PressAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "All decision points of the review (1)" }), "the decision points link");
        await PressAsync(page, page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Edit the decision point of") }), "the Edit link");
        await Expect(page).ToHaveURLAsync(new Regex("/DecisionPoints/\\d+/Edit$"));
        await TypeAsync(page, page.GetByLabel("Role of who decided"), "Role of who decided", "Sup");
        await Expect(page.GetByLabel("Role of who decided")).ToHaveValueAsync("Supervisor");
        await TypeAsync(page, page.GetByLabel("What was decided"), "What was decided", "Approved closing the assessment with a referral");
        await PressAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Save decision point" }), "Save decision point, edited");

        // Back on the list, focus is on the decision point just saved.
        await Expect(page).ToHaveURLAsync(new Regex("/DecisionPoints#point-\\d+$"));
        var point = page.Locator(".dp-list > li");
        await Expect(point).ToBeFocusedAsync();
        await AssertFocusVisibleAsync(page, "the decision points after the edit");
        await Expect(point).ToContainTextAsync("Approved closing the assessment with a referral");
        await Expect(point).ToContainTextAsync("Supervisor");
        await Expect(point).ToContainTextAsync("Three new cases that week.");
        await Expect(point).ToContainTextAsync("Workload");
    }
}
