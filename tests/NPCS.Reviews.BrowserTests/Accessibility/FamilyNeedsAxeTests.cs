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
public sealed class FamilyNeedsAxeTests(BrowserFixture app)
{
    [Fact]
    public async Task Family_needs_pages_have_no_accessibility_violations()
    {
        int id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            id = await ReviewScene.CreateAtAsync(
                scope.ServiceProvider.GetRequiredService<ReviewsDbContext>(),
                scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(),
                ReviewStage.FamilyNeeds,
                TimeProvider.System.GetUtcNow());
        }

        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "caseworker@demo.local");
        await page.GotoAsync($"Reviews/{id}/FamilyNeeds");
        await Axe.AssertNoViolationsAsync(page, "the empty family-needs page");

        await page.GetByRole(AriaRole.Button, new() { Name = "Add need" }).ClickAsync();
        // Beside its field (the summary at the top lists it too).
        await Expect(page.Locator("#add-need-form").GetByText("Describe the need.")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the family-needs page with need errors");

        await page.GetByLabel("Category").SelectOptionAsync(new SelectOptionValue { Label = "Housing" });
        await page.GetByLabel("Description of the need").FillAsync("Stable housing");
        await page.GetByLabel("Identified and unmet").CheckAsync();
        await page.GetByLabel("Waitlist").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add need" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Table)).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the family-needs page with a need");

        await page.GetByRole(AriaRole.Link, new() { Name = "Edit need: Housing" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Edit need");
        await Axe.AssertNoViolationsAsync(page, "the edit-need page");

        await page.GotoAsync($"Reviews/{id}/FamilyNeeds");
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Complete family-needs analysis" }).ClickAsync();
        await Expect(page.GetByText("Family-needs analysis completed.")).ToBeVisibleAsync();
        await page.GotoAsync($"Reviews/{id}/FamilyNeeds");
        await Axe.AssertNoViolationsAsync(page, "the read-only family-needs page");
    }
}
