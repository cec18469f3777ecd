using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NPCS.Reviews.BrowserTests.Infrastructure;
using NPCS.Reviews.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace NPCS.Reviews.BrowserTests.Workflow;

/// <summary>
/// The facilitator's steps of a review, as done in the browser, shared by the workflow tests. Each
/// checks what the user should see and runs axe on the pages it passes. The page must accept the
/// "are you sure?" dialogs of completing a step.
/// </summary>
internal static class FacilitatorSteps
{
    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Each step's page as the facilitator saw it, in artifacts/screenshots (not committed), for review.</summary>
    public static async Task SnapAsync(IPage page, string name)
    {
        var folder = Path.Combine(Repository.Root(), "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"workflow-{name}.png"), FullPage = true });
    }

    /// <summary>From the overview at Family needs: a chronology entry, an unmet need, the analysis completed (the review is at Debrief).</summary>
    public static async Task RecordReviewAndFamilyNeedsAsync(IPage page, int id)
    {
        var today = Incident.Today;
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

    }

    /// <summary>From Debrief: a session scheduled with two participants, run live (ground rules, a decision point), held, and the debrief completed.</summary>
    public static async Task RunDebriefAsync(IPage page, int id)
    {
        var today = Incident.Today;
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

        // Complete the debrief: the review reaches Findings.
        await page.GotoAsync($"Reviews/{id}/Debrief");
        await Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync("Held");
        await SnapAsync(page, "debrief");
        await page.GetByRole(AriaRole.Button, new() { Name = "Complete debrief" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/Reviews/{id}$"));
        await Expect(page.Locator(".badge-stage")).ToHaveTextAsync("Findings");
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Review progress" }).Locator("[aria-current=step]")).ToContainTextAsync("Findings");
    }
}
