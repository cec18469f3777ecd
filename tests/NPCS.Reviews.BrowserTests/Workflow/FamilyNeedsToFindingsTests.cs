using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.BrowserTests.Infrastructure;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace NPCS.Reviews.BrowserTests.Workflow;

/// <summary>
/// The first acceptance item, as a facilitator would do it: a review at Family needs is taken
/// through the analysis, a scheduled and held debrief session, to Findings, in the browser only; axe
/// checks every page on the way.
/// </summary>
[Collection(UsesBrowser.Name)]
public sealed class FamilyNeedsToFindingsTests(BrowserFixture app)
{
    [Fact]
    public async Task Facilitator_takes_a_review_from_family_needs_through_a_held_debrief_to_findings()
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
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync(); // the "are you sure?" of completing a step
        await BrowserFixture.SignInAsync(page, "facilitator@demo.local");

        // The overview points to the current step.
        await page.GotoAsync($"Reviews/{id}");
        await Axe.AssertNoViolationsAsync(page, "the review overview at Family needs");
        await page.GetByRole(AriaRole.Link, new() { Name = "Go to the family-needs analysis" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/Reviews/{id}/FamilyNeeds$"));

        await FacilitatorSteps.RecordReviewAndFamilyNeedsAsync(page, id);
        await FacilitatorSteps.RunDebriefAsync(page, id);
        await Axe.AssertNoViolationsAsync(page, "the review overview at Findings");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Review sections" }).GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();
        var history = page.GetByRole(AriaRole.Table);
        await Expect(history).ToContainTextAsync("Family-needs analysis completed");
        await Expect(history).ToContainTextAsync("Decision point recorded");
        await Expect(history.Locator("tbody tr").First).ToContainTextAsync("Debrief completed");
        await Expect(history.Locator("tbody tr").First).ToContainTextAsync("Frances Facilitator");
        await Axe.AssertNoViolationsAsync(page, "the history");
        await FacilitatorSteps.SnapAsync(page, "history");
        Assert.Empty(BrowserFixture.CspViolations(page));
    }
}
