using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.BrowserTests.Infrastructure;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace NPCS.Reviews.BrowserTests.Accessibility;

[Collection(UsesBrowser.Name)]
public sealed class FollowUpAxeTests(BrowserFixture app)
{
    private async Task ReviewAtAsync(ReviewStage stage)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await ReviewScene.CreateAtAsync(
            scope.ServiceProvider.GetRequiredService<ReviewsDbContext>(),
            scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(),
            stage,
            TimeProvider.System.GetUtcNow());
    }

    [Fact]
    public async Task My_work_the_actions_page_and_an_action_page_have_no_accessibility_violations()
    {
        await ReviewAtAsync(ReviewStage.Approval);
        await ReviewAtAsync(ReviewStage.Approved);

        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "supervisor@demo.local");
        await page.GotoAsync("");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Reviews awaiting your approval" })).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the supervisor's home page");

        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Actions", Exact = true }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Actions");
        await Axe.AssertNoViolationsAsync(page, "the actions page");

        await page.GetByLabel("Overdue only").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Show actions" }).ClickAsync();
        await Expect(page.GetByText("No actions match.")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the filtered actions page with no match");

        await page.GetByRole(AriaRole.Link, new() { Name = "Clear" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Share discharge notes through a joint protocol" }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Update the status" })).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "an action page");

        await page.GetByLabel("Done").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save status" }).ClickAsync();
        await Expect(page.GetByText("Say whether the action worked").First).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "an action page with errors");

        await page.GetByLabel("Partly worked").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save status" }).ClickAsync();
        await Expect(page.GetByText("Status saved.")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "an action page after an update");
        Assert.Empty(BrowserFixture.CspViolations(page));
    }
}
