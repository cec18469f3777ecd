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

namespace NPCS.Reviews.BrowserTests.Debrief;

[Collection(UsesBrowser.Name)]
public sealed class LiveFacilitationTests(BrowserFixture app)
{
    private async Task<LiveSessionScene> SessionAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReviewsDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var now = TimeProvider.System.GetUtcNow();
        var id = await ReviewScene.CreateAtAsync(db, users, ReviewStage.Debrief, now);
        await LiveSessionScene.AddChronologyEntryAsync(db, id, DateOnly.FromDateTime(now.UtcDateTime).AddDays(-25), "Hotline report: child seen with a bruise at school.");
        return await LiveSessionScene.ScheduleAsync(db, users, id, now);
    }

    /// <summary>One decision point typed with the keyboard alone, from the date field (which has focus) to the save.</summary>
    private static async Task CaptureAsync(IPage page, DateOnly date, string roleTypeahead, string decision, bool withPressure)
    {
        var form = page.Locator("#capture form");
        await Expect(form.GetByLabel("Date of the decision")).ToBeFocusedAsync();

        // The date field of an en-US Chromium takes month, day and year in turn.
        await page.Keyboard.TypeAsync(date.ToString("MMddyyyy", CultureInfo.InvariantCulture));
        await Expect(form.GetByLabel("Date of the decision")).ToHaveValueAsync(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

        // Chromium's date field walks its month, day and year parts with Tab before leaving the field.
        for (var presses = 0; presses < 4 && await page.EvaluateAsync<string>("() => document.activeElement.id") == "Capture_Date"; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await Expect(form.GetByLabel("Chronology entry (optional)")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(form.GetByLabel("Role of who decided")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(roleTypeahead);
        await page.Keyboard.PressAsync("Tab");
        await Expect(form.GetByLabel("What was decided")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(decision);
        if (!withPressure)
        {
            // Enter in a one-line field submits the form.
            await page.Keyboard.PressAsync("Enter");
            return;
        }

        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("The report came in late on a Friday.");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        var workload = form.GetByRole(AriaRole.Group, new() { Name = "Pressures (optional)" }).GetByLabel("Workload");
        await Expect(workload).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(workload).ToBeCheckedAsync();
        for (var i = 0; i < 8; i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        var save = form.GetByRole(AriaRole.Button, new() { Name = "Save decision point" });
        await Expect(save).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
    }

    [Fact]
    public async Task Facilitator_records_the_ground_rules_and_captures_three_decision_points_with_the_keyboard_alone()
    {
        var scene = await SessionAsync();
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "facilitator@demo.local");

        // Any dialog is recorded and dismissed (staying on the page); only leaving with unsaved input may raise one.
        var dialogs = new List<string>();
        var warned = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Type);
            await dialog.DismissAsync();
            warned.TrySetResult(dialog.Type);
        };

        var livePath = $"Reviews/{scene.ReviewId}/Debrief/Sessions/{scene.SessionId}/Live";
        await page.GotoAsync(livePath);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(new Regex("^Live session: DEMO-"));
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Agenda: the chronology" })).ToContainTextAsync("Hotline report: child seen with a bruise at school.");
        await Axe.AssertNoViolationsAsync(page, "the live session page before the ground rules");

        // Ground rules: tick both participants and record, keyboard only.
        var agreed = page.GetByRole(AriaRole.Group, new() { Name = "Present and agreed to the ground rules" });
        await agreed.GetByRole(AriaRole.Checkbox).First.FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Record ground rules" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#live-status")).ToHaveTextAsync("Ground rules recorded: 2 participants agreed.");

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await CaptureAsync(page, today.AddDays(-30), "Hot", "Screened in for a 72-hour response", withPressure: false);
        await Expect(page.Locator("#live-status")).ToHaveTextAsync("Decision point 1 saved.");
        await CaptureAsync(page, today.AddDays(-20), "Inv", "Closed the assessment as unfounded", withPressure: true);
        await Expect(page.Locator("#live-status")).ToHaveTextAsync("Decision point 2 saved.");
        await CaptureAsync(page, today.AddDays(-10), "Sup", "Approved the closure", withPressure: false);
        await Expect(page.Locator("#live-status")).ToHaveTextAsync("Decision point 3 saved.");
        await Expect(page.Locator("#capture form").GetByLabel("Date of the decision")).ToBeFocusedAsync();
        await Expect(page.Locator("#capture form").GetByLabel("What was decided")).ToHaveValueAsync(string.Empty);

        // Stored at once: a fresh load shows all three, in the order they were captured.
        await page.ReloadAsync();
        var captured = page.GetByRole(AriaRole.Region, new() { Name = "Captured in this session (3)" }).GetByRole(AriaRole.Listitem);
        await Expect(captured).ToHaveCountAsync(3);
        await Expect(captured.Nth(0)).ToContainTextAsync("Hotline or intake screener");
        await Expect(captured.Nth(0)).ToContainTextAsync("Screened in for a 72-hour response");
        await Expect(captured.Nth(1)).ToContainTextAsync("Closed the assessment as unfounded");
        await Expect(captured.Nth(1)).ToContainTextAsync("(pressures: Workload)");
        await Expect(captured.Nth(2)).ToContainTextAsync("Approved the closure");
        await Axe.AssertNoViolationsAsync(page, "the live session page with three decision points");

        await page.GotoAsync($"Reviews/{scene.ReviewId}/Debrief/DecisionPoints");
        await Expect(page.Locator(".dp-list > li")).ToHaveCountAsync(3);
        await Expect(page.Locator(".dp-list > li").Nth(1)).ToContainTextAsync("The report came in late on a Friday.");
        await Axe.AssertNoViolationsAsync(page, "the decision points page");

        // Saving never asked; leaving with something typed does.
        Assert.Empty(dialogs);
        await page.GotoAsync(livePath);
        await page.Locator("#capture form").GetByLabel("What was decided").FocusAsync();
        await page.Keyboard.TypeAsync("Half-typed decision");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Breadcrumb" }).GetByRole(AriaRole.Link, new() { Name = "Reviews", Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        Assert.Equal("beforeunload", await warned.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        await Expect(page).ToHaveURLAsync(new Regex($"/Debrief/Sessions/{scene.SessionId}/Live$"));
        await Expect(page.Locator("#capture form").GetByLabel("What was decided")).ToHaveValueAsync("Half-typed decision");

        // Saving one form while another holds unsaved text asks as well: the reload would lose the notes.
        dialogs.Clear();
        await page.GetByLabel("Notes (confidential to the review team)").FillAsync("Notes typed, not saved yet");
        await page.Locator("#capture form").GetByLabel("What was decided").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        for (var waited = 0; dialogs.Count == 0 && waited < 100; waited++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(["beforeunload"], dialogs);
        await Expect(page.GetByLabel("Notes (confidential to the review team)")).ToHaveValueAsync("Notes typed, not saved yet");
    }
}
