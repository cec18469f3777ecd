using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.BrowserTests.Infrastructure;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace NPCS.Reviews.BrowserTests.Debrief;

/// <summary>The debrief overview and a session page pass axe in the states a facilitator and a caseworker see, with errors shown, and break no CSP rule.</summary>
[Collection(UsesBrowser.Name)]
public sealed class DebriefAxeTests(BrowserFixture app)
{
    private async Task<int> ReviewAtDebriefAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await ReviewScene.CreateAtAsync(
            scope.ServiceProvider.GetRequiredService<ReviewsDbContext>(),
            scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(),
            ReviewStage.Debrief,
            TimeProvider.System.GetUtcNow());
    }

    [Fact]
    public async Task Facilitator_schedules_a_session_and_adds_participants_with_no_accessibility_violations()
    {
        var id = await ReviewAtDebriefAsync();
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "facilitator@demo.local");

        await page.GotoAsync($"Reviews/{id}/Debrief");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sessions" })).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the debrief overview with no session");

        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule session" }).ClickAsync();
        await Expect(page.GetByText("Enter the place or the video link.").First).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the schedule form with errors");

        await page.GetByLabel("Date").FillAsync(DateTime.Today.AddDays(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Start time (agency's local time)").FillAsync("10:30");
        await page.GetByLabel("Place or video link").FillAsync("Room 4");
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule session" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Run this session (live facilitation)" })).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the session page");

        await page.GetByRole(AriaRole.Button, new() { Name = "Add outside participant" }).ClickAsync();
        await Expect(page.GetByText("Enter the participant's name.").First).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the session page with errors");

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Det. Ray Ortiz");
        await page.Locator("#Outside_Role").FillAsync("Detective");
        await page.GetByLabel("Agency", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Law enforcement" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Add outside participant" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Rowheader, new() { Name = "Det. Ray Ortiz" })).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the session page with a participant");

        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the debrief overview" }).ClickAsync();
        await Axe.AssertNoViolationsAsync(page, "the debrief overview with a session");
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Complete debrief" }).ClickAsync();
        await Expect(page.GetByText("The debrief cannot be completed yet.")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the debrief overview with the completion refused");
        Assert.Empty(BrowserFixture.CspViolations(page));
    }

    [Fact]
    public async Task Caseworker_outside_the_team_sees_the_overview_with_no_accessibility_violations()
    {
        var id = await ReviewAtDebriefAsync();
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "caseworker@demo.local");

        await page.GotoAsync($"Reviews/{id}/Debrief");

        await Expect(page.GetByText("confidential to the review team")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the debrief overview outside the team");
        Assert.Empty(BrowserFixture.CspViolations(page));
    }
}
