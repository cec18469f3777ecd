using System.Globalization;
using Microsoft.Playwright;
using NPCS.Reviews.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace NPCS.Reviews.BrowserTests.Workflow;

/// <summary>
/// Issue 4's first acceptance item, with the demo users in real Chromium: one review from intake to
/// approved, including a return and a resubmission; its action then appears on the Actions page and
/// is followed to done with its effectiveness. The report opens and its PDF downloads. axe checks the pages this adds; the approval
/// page and the report are kept as README screenshots.
/// </summary>
[Collection(UsesBrowser.Name)]
public sealed class IntakeToApprovedTests(BrowserFixture app)
{
    private static void AcceptDialogs(IPage page) => page.Dialog += async (_, dialog) => await dialog.AcceptAsync();

    [Fact]
    public async Task A_review_goes_from_intake_to_approved_with_a_return_and_its_action_is_followed_to_done()
    {
        // A caseworker records the incident and completes the intake.
        await using var caseworkerContext = await app.NewContextAsync();
        var caseworker = await caseworkerContext.NewPageAsync();
        AcceptDialogs(caseworker);
        await BrowserFixture.SignInAsync(caseworker, "caseworker@demo.local");
        var number = await IntakeForm.RecordAsync(caseworker, new Incident());
        var id = int.Parse(new Uri(caseworker.Url).Segments[^1], CultureInfo.InvariantCulture);
        await caseworker.GetByRole(AriaRole.Button, new() { Name = "Complete intake" }).ClickAsync();
        await Expect(caseworker.Locator(".badge-stage")).ToHaveTextAsync("Family needs");

        // A supervisor assigns the facilitator.
        await using var supervisorContext = await app.NewContextAsync();
        var supervisor = await supervisorContext.NewPageAsync();
        AcceptDialogs(supervisor);
        await BrowserFixture.SignInAsync(supervisor, "supervisor@demo.local");
        await supervisor.GotoAsync($"Reviews/{id}");
        await supervisor.GetByLabel("Assign facilitator").SelectOptionAsync(new SelectOptionValue { Label = "Frances Facilitator" });
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "Save facilitator" }).ClickAsync();
        await Expect(supervisor.GetByRole(AriaRole.Region, new() { Name = "Status" })).ToContainTextAsync("Frances Facilitator");

        // The facilitator takes it through family needs and the debrief.
        await using var facilitatorContext = await app.NewContextAsync();
        var facilitator = await facilitatorContext.NewPageAsync();
        AcceptDialogs(facilitator);
        await BrowserFixture.SignInAsync(facilitator, "facilitator@demo.local");
        await facilitator.GotoAsync($"Reviews/{id}");
        await FacilitatorSteps.RecordReviewAndFamilyNeedsAsync(facilitator, id);
        await FacilitatorSteps.RunDebriefAsync(facilitator, id);

        // Findings: one finding rated 2 with a weaker action, submitted for approval.
        await facilitator.GetByRole(AriaRole.Navigation, new() { Name = "Review sections" }).GetByRole(AriaRole.Link, new() { Name = "Findings" }).ClickAsync();
        await Axe.AssertNoViolationsAsync(facilitator, "the findings page");
        await facilitator.GetByLabel("Factor").SelectOptionAsync(new SelectOptionValue { Label = "ORG-1 Teamwork and coordination" });
        await facilitator.GetByLabel(FindingRatingLabel(2)).CheckAsync();
        await facilitator.GetByLabel("Description of the finding").FillAsync("The hospital's discharge note never reached the agency.");
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Add finding" }).ClickAsync();
        await Expect(facilitator.Locator("main")).ToContainTextAsync("The hospital's discharge note never reached the agency.");
        await facilitator.GetByRole(AriaRole.Link, new() { Name = "Add an action for ORG-1 Teamwork and coordination" }).ClickAsync();
        await Axe.AssertNoViolationsAsync(facilitator, "the new-action form");
        await FillActionAsync(facilitator, "Remind staff to ask hospitals for discharge notes", "Weaker");
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Add action" }).ClickAsync();
        await Expect(facilitator.Locator("main")).ToContainTextAsync("Remind staff to ask hospitals for discharge notes");
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Submit for approval" }).ClickAsync();
        await Expect(facilitator.Locator(".badge-stage")).ToHaveTextAsync("Approval");

        // The supervisor returns it with comments.
        await supervisor.GotoAsync($"Reviews/{id}/Approval");
        await Axe.AssertNoViolationsAsync(supervisor, "the approval page");
        await supervisor.ScreenshotAsync(new PageScreenshotOptions { Path = ReadmeScreenshot("approval.png"), FullPage = true });
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "Return the review" }).ClickAsync();
        await Expect(supervisor.Locator("main")).ToContainTextAsync("Comments");
        await supervisor.GetByLabel("Comments for the facilitator").FillAsync("A reminder is a weak action. Can the discharge note be sent automatically?");
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "Return the review" }).ClickAsync();
        await Expect(supervisor.Locator(".badge-stage")).ToHaveTextAsync("Findings");

        // The facilitator sees the comments, strengthens the action and resubmits.
        await facilitator.GotoAsync($"Reviews/{id}/Findings");
        await Expect(facilitator.Locator("main")).ToContainTextAsync("Can the discharge note be sent automatically?");
        await facilitator.GetByRole(AriaRole.Link, new() { Name = "Edit action: Remind staff to ask hospitals for discharge notes" }).ClickAsync();
        await FillActionAsync(facilitator, "Hospital sends discharge notes to the agency's secure inbox", "Stronger");
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Save action" }).ClickAsync();
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Submit for approval" }).ClickAsync();
        await Expect(facilitator.Locator(".badge-stage")).ToHaveTextAsync("Approval");

        // The supervisor approves: the review is locked.
        await supervisor.GotoAsync($"Reviews/{id}/Approval");
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "Approve the review" }).ClickAsync();
        await Expect(supervisor.Locator(".badge-stage")).ToHaveTextAsync("Approved");
        await facilitator.GotoAsync($"Reviews/{id}/Findings");
        await Expect(facilitator.GetByRole(AriaRole.Button, new() { Name = "Add finding" })).ToHaveCountAsync(0);
        await Expect(facilitator.GetByRole(AriaRole.Button, new() { Name = "Submit for approval" })).ToHaveCountAsync(0);

        // The report opens.
        await supervisor.GotoAsync($"Reviews/{id}/Report");
        await Expect(supervisor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(number);
        await Axe.AssertNoViolationsAsync(supervisor, "the report");
        await supervisor.ScreenshotAsync(new PageScreenshotOptions { Path = ReadmeScreenshot("report.png"), FullPage = true });
        var download = await supervisor.RunAndWaitForDownloadAsync(() => supervisor.GetByRole(AriaRole.Link, new() { Name = "Download PDF" }).ClickAsync());
        Assert.Equal($"review-{number}.pdf", download.SuggestedFilename);
        var pdf = await File.ReadAllBytesAsync(await download.PathAsync());
        Assert.Equal("%PDF-"u8.ToArray(), pdf[..5]);

        // Follow-up: the action is on the Actions page and is followed to done.
        await supervisor.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Actions", Exact = true }).ClickAsync();
        await Axe.AssertNoViolationsAsync(supervisor, "the actions page");
        await supervisor.GetByRole(AriaRole.Link, new() { Name = "Hospital sends discharge notes to the agency's secure inbox" }).ClickAsync();
        await supervisor.GetByLabel("In progress").CheckAsync();
        await supervisor.GetByLabel("Date of this update").FillAsync(FacilitatorSteps.Iso(Incident.Today));
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "Save status" }).ClickAsync();
        await Expect(supervisor.Locator("main")).ToContainTextAsync("In progress");
        await supervisor.GetByLabel("Done", new() { Exact = true }).CheckAsync();
        await supervisor.GetByLabel("Date of this update").FillAsync(FacilitatorSteps.Iso(Incident.Today));
        await supervisor.GetByLabel("Worked", new() { Exact = true }).CheckAsync();
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "Save status" }).ClickAsync();
        await Expect(supervisor.Locator("main")).ToContainTextAsync("Done");
        await Expect(supervisor.Locator("main")).ToContainTextAsync("Worked");
        await Axe.AssertNoViolationsAsync(supervisor, "an action followed to done");

        // The history tells all of it, with who.
        await supervisor.GotoAsync($"Reviews/{id}/History");
        var history = supervisor.GetByRole(AriaRole.Table);
        await Expect(history).ToContainTextAsync("Returned to the facilitator: A reminder is a weak action.");
        await Expect(history).ToContainTextAsync("Approved");
        await Expect(history).ToContainTextAsync("Action marked done");
        Assert.Empty(BrowserFixture.CspViolations(supervisor));
        Assert.Empty(BrowserFixture.CspViolations(facilitator));
    }

    private static string FindingRatingLabel(int rating) => NPCS.Reviews.Domain.Reviews.FindingRating.Meaning(rating);

    private static async Task FillActionAsync(IPage page, string what, string strength)
    {
        await page.GetByLabel("What will be done").FillAsync(what);
        await page.GetByLabel(strength, new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Accountable owner (one person)").FillAsync("Pat Manager");
        await page.GetByLabel("Owner's unit").FillAsync("Intake unit");
        await page.GetByLabel("Due date").FillAsync(FacilitatorSteps.Iso(Incident.Today.AddDays(60)));
        await page.GetByLabel("How effectiveness will be measured").FillAsync("Notes received for every referral from the hospital");
    }

    private static string ReadmeScreenshot(string name) => Path.Combine(ScreenshotTests.Folder(), name);
}
