using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NPCS.Reviews.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace NPCS.Reviews.BrowserTests.Accessibility;

/// <summary>axe-core finds no WCAG 2.1 A/AA violations on the intake pages, in the states people see them.</summary>
[Collection(UsesBrowser.Name)]
public sealed class AxeTests(BrowserFixture app)
{
    /// <summary>
    /// The check every page passes can fail: on a page broken on purpose it names each WCAG failure, and it
    /// leaves out axe's best-practice rules, which are not WCAG 2.1 A or AA.
    /// </summary>
    [Fact]
    public async Task The_check_finds_the_failures_of_a_page_broken_on_purpose()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetContentAsync(
            """
            <!doctype html>
            <html lang="en">
            <head><title>Broken on purpose</title></head>
            <body>
              <h1>Broken on purpose</h1>
              <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
              <input type="text" name="unlabelled">
              <p style="color: #bbb; background: #fff">Text too faint to read</p>
            </body>
            </html>
            """);

        var found = (await Axe.ViolationsAsync(page)).Select(v => v.Id).ToList();

        Assert.Contains("image-alt", found);
        Assert.Contains("label", found);
        Assert.Contains("color-contrast", found);
        Assert.DoesNotContain("region", found);
    }

    [Fact]
    public async Task Sign_in_page_has_no_accessibility_violations()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("Account/Login");
        await Axe.AssertNoViolationsAsync(page, "the sign-in page");

        // And with its error message shown.
        await page.GetByLabel("Email").FillAsync("caseworker@demo.local");
        await page.GetByLabel("Password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The email or password is not right.");
        await Axe.AssertNoViolationsAsync(page, "the sign-in page after a failed sign-in");
    }

    [Fact]
    public async Task Review_list_overview_and_new_review_pages_have_no_accessibility_violations()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "caseworker@demo.local");
        await Axe.AssertNoViolationsAsync(page, "the home page");

        await page.GotoAsync("Reviews/New");
        await Axe.AssertNoViolationsAsync(page, "the empty new-review page");

        // Every field left empty: the most error messages at once.
        await IntakeForm.SaveAsync(page);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The incident was not saved.");
        await Axe.AssertNoViolationsAsync(page, "the new-review page with every field in error");

        await IntakeForm.FillAsync(page, new Incident { IncidentDate = Incident.Today.AddDays(3) });
        await IntakeForm.SaveAsync(page);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The incident date cannot be in the future.");
        await Axe.AssertNoViolationsAsync(page, "the new-review page with a date error");

        await page.GetByLabel("Incident date", new() { Exact = true }).FillAsync(Incident.Iso(Incident.Today.AddDays(-12)));
        await IntakeForm.SaveAsync(page);
        await Expect(page).ToHaveURLAsync(IntakeForm.OverviewUrl);
        await Axe.AssertNoViolationsAsync(page, "the review overview");

        await page.GotoAsync("Reviews");
        await Expect(page.GetByRole(AriaRole.Table)).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the review list");

        // A filter nothing matches, whatever other tests have added (an approved review, since issue 4).
        await page.GetByLabel("Stage").SelectOptionAsync(new SelectOptionValue { Label = "Approved" });
        await page.GetByLabel("Review number or case reference").FillAsync("NO-SUCH-REVIEW");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show reviews" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("stage=Approved"));
        await Expect(page.GetByText("No reviews match.")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the review list with no matches");
    }
}
