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
public sealed class FindingsAxeTests(BrowserFixture app)
{
    [Fact]
    public async Task Findings_pages_have_no_accessibility_violations()
    {
        int id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            id = await ReviewScene.CreateAtAsync(
                scope.ServiceProvider.GetRequiredService<ReviewsDbContext>(),
                scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(),
                ReviewStage.Findings,
                TimeProvider.System.GetUtcNow());
        }

        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "facilitator@demo.local");
        await page.GotoAsync($"Reviews/{id}/Findings");
        await Axe.AssertNoViolationsAsync(page, "the empty findings page");

        await page.GetByRole(AriaRole.Button, new() { Name = "Add finding" }).ClickAsync();
        // Beside its field (the summary at the top lists it too).
        await Expect(page.Locator("#add-finding-form").GetByText("Describe the finding.")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the findings page with errors");

        await page.GetByLabel("Factor", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.GetByLabel("2: action needed").CheckAsync();
        await page.GetByLabel("Description of the finding").FillAsync("The discharge note never reached the agency.");
        await page.GetByLabel("Housing: Stable housing").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add finding" }).ClickAsync();
        await Expect(page.GetByText("Finding added.")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Add an action" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Add an action");
        await Axe.AssertNoViolationsAsync(page, "the add-action page");
        await page.GetByLabel("What will be done").FillAsync("Training on discharge notes");
        await page.GetByLabel("Weaker").CheckAsync();
        await page.GetByLabel("Accountable owner (one person)").FillAsync("Pat Manager");
        await page.GetByLabel("Owner's unit").FillAsync("Intake unit");
        await page.GetByLabel("Due date").FillAsync(DateTime.UtcNow.AddDays(60).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("How effectiveness will be measured").FillAsync("Notes shared for every referral");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add action" }).ClickAsync();
        await Expect(page.GetByText("Action added.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Note)).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the findings page with a finding, a weaker action and the note");

        await page.GetByRole(AriaRole.Link, new() { Name = "Edit action: Training on discharge notes" }).ClickAsync();
        await Axe.AssertNoViolationsAsync(page, "the edit-action page");
        await page.GoBackAsync();
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Edit finding") }).ClickAsync();
        await Axe.AssertNoViolationsAsync(page, "the edit-finding page");
    }
}
