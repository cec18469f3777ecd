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

namespace NPCS.Reviews.BrowserTests.Workflow;

/// <summary>
/// The first acceptance item, as a facilitator would do it: a review at Family needs is taken
/// through the analysis, a scheduled and held debrief session, to Findings, in the browser only; axe
/// checks every page on the way.
/// </summary>
[Collection(UsesBrowser.Name)]
public sealed class FamilyNeedsToFindingsTests(BrowserFixture app)
{
    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Each step's page as the facilitator saw it, in artifacts/screenshots (not committed), for review.</summary>
    private static async Task SnapAsync(IPage page, string name)
    {
        var folder = Path.Combine(BrowserFixture.RepositoryRoot(), "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"workflow-{name}.png"), FullPage = true });
    }

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
        var today = Incident.Today;

        // The overview points to the current step.
        await page.GotoAsync($"Reviews/{id}");
        await Axe.AssertNoViolationsAsync(page, "the review overview at Family needs");
        await page.GetByRole(AriaRole.Link, new() { Name = "Go to the family-needs analysis" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/Reviews/{id}/FamilyNeeds$"));

        // The record review: one chronology entry, added from its tab.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Review sections" }).GetByRole(AriaRole.Link, new() { Name = "Chronology" }).ClickAsync();
        await page.GetByLabel("Date", new() { Exact = true }).FillAsync(Iso(today.AddDays(-20)));
        await page.GetByLabel("Source").SelectOptionAsync(new SelectOptionValue { Label = "This agency" });
        await page.GetByLabel("What happened").FillAsync("Family assessment closed with a referral to parenting classes.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add entry" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Entry added.");
        await Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync("Family assessment closed");
        await Axe.AssertNoViolationsAsync(page, "the chronology with an entry");
        await SnapAsync(page, "chronology");

        // Family needs: one unmet need, then complete.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Review sections" }).GetByRole(AriaRole.Link, new() { Name = "Family needs" }).ClickAsync();
        await Axe.AssertNoViolationsAsync(page, "the family-needs analysis");
        await page.GetByLabel("Category").SelectOptionAsync(new SelectOptionValue { Label = "Childcare" });
        await page.GetByLabel("Description of the need").FillAsync("Affordable childcare while the mother worked nights.");
        await page.GetByLabel("Identified and unmet").CheckAsync();
        await page.GetByLabel("Waitlist").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add need" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Table).First).ToContainTextAsync("Affordable childcare");
        await SnapAsync(page, "family-needs");
        await page.GetByRole(AriaRole.Button, new() { Name = "Complete family-needs analysis" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/Reviews/{id}$"));
        await Expect(page.Locator(".badge-stage")).ToHaveTextAsync("Debrief");

        // The debrief: schedule a session, add who takes part.
        await page.GetByRole(AriaRole.Link, new() { Name = "Go to the debrief" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/Reviews/{id}/Debrief$"));
        await Axe.AssertNoViolationsAsync(page, "the debrief overview");
        await page.GetByLabel("Date", new() { Exact = true }).FillAsync(Iso(today));
        await page.GetByLabel("Start time (agency's local time)").FillAsync("09:30");
        await page.GetByLabel("Place or video link").FillAsync("Conference room B");
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule session" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/Reviews/{id}/Debrief/Sessions/\\d+$"));
        await Axe.AssertNoViolationsAsync(page, "a scheduled session");

        await page.GetByLabel("Member of staff").SelectOptionAsync(new SelectOptionValue { Label = "Casey Caseworker" });
        var staffForm = page.Locator("form").Filter(new() { Has = page.GetByLabel("Member of staff") });
        await staffForm.GetByLabel("Role in the case").FillAsync("Investigator");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add member of staff" }).ClickAsync();
        var outsideForm = page.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Add outside participant" }) });
        await outsideForm.GetByLabel("Name").FillAsync("Det. Rivera");
        await outsideForm.GetByLabel("Role in the case").FillAsync("Detective");
        await outsideForm.GetByLabel("Agency").SelectOptionAsync(new SelectOptionValue { Label = "Law enforcement" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Add outside participant" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync("Det. Rivera");
        await Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync("Casey Caseworker");
        await Axe.AssertNoViolationsAsync(page, "a session with participants");
        await SnapAsync(page, "session");

        // The session, run live: ground rules, one decision point, held.
        await page.GetByRole(AriaRole.Link, new() { Name = "Run this session (live facilitation)" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Live$"));
        var agreed = page.GetByRole(AriaRole.Group, new() { Name = "Present and agreed to the ground rules" });
        await agreed.GetByRole(AriaRole.Checkbox, new() { Name = "Casey Caseworker", Exact = false }).CheckAsync();
        await agreed.GetByRole(AriaRole.Checkbox, new() { Name = "Det. Rivera", Exact = false }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record ground rules" }).ClickAsync();
        var capture = page.Locator("#capture form");
        await capture.GetByLabel("Date of the decision").FillAsync(Iso(today.AddDays(-20)));
        await capture.GetByLabel("Chronology entry (optional)").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await capture.GetByLabel("Role of who decided").SelectOptionAsync(new SelectOptionValue { Label = "Investigator" });
        await capture.GetByLabel("What was decided").FillAsync("Closed the assessment with a referral rather than ongoing services.");
        await capture.GetByLabel("Workload").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save decision point" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Decision point 1 saved." })).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the live session after a capture");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark session as held" }).ClickAsync();

        // Complete the debrief: the review reaches Findings, and the history tells how.
        await page.GotoAsync($"Reviews/{id}/Debrief");
        await Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync("Held");
        await SnapAsync(page, "debrief");
        await page.GetByRole(AriaRole.Button, new() { Name = "Complete debrief" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/Reviews/{id}$"));
        await Expect(page.Locator(".badge-stage")).ToHaveTextAsync("Findings");
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Review progress" }).Locator("[aria-current=step]")).ToContainTextAsync("Findings");
        await Axe.AssertNoViolationsAsync(page, "the review overview at Findings");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Review sections" }).GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();
        var history = page.GetByRole(AriaRole.Table);
        await Expect(history).ToContainTextAsync("Family-needs analysis completed");
        await Expect(history).ToContainTextAsync("Decision point recorded");
        await Expect(history.Locator("tbody tr").First).ToContainTextAsync("Debrief completed");
        await Expect(history.Locator("tbody tr").First).ToContainTextAsync("Frances Facilitator");
        await Axe.AssertNoViolationsAsync(page, "the history");
        await SnapAsync(page, "history");
        Assert.Empty(BrowserFixture.CspViolations(page));
    }
}
