using Microsoft.Playwright;
using NPCS.Reviews.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace NPCS.Reviews.BrowserTests;

/// <summary>The README's screenshots, taken from the real app at 1280 px so they can be refreshed whenever the UI changes.</summary>
[Collection(UsesBrowser.Name)]
public sealed class ScreenshotTests(BrowserFixture app)
{
    [Fact]
    public async Task Readme_screenshots_show_the_review_list_and_the_new_review_form()
    {
        // Every run takes them (artifacts/screenshots); NPCS_UPDATE_SCREENSHOTS=1 refreshes the README's copies in docs/.
        var update = Environment.GetEnvironmentVariable("NPCS_UPDATE_SCREENSHOTS") == "1";
        var folder = Path.Combine(BrowserFixture.RepositoryRoot(), update ? "docs" : "artifacts", "screenshots");
        Directory.CreateDirectory(folder);

        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "caseworker@demo.local");

        // A list worth looking at: one of each outcome, whatever other tests have already added.
        await IntakeForm.RecordAsync(page, new Incident());
        await IntakeForm.RecordAsync(page, new Incident
        {
            IncidentType = "Serious injury",
            IncidentDate = Incident.Today.AddDays(-30),
            NotifiedDate = Incident.Today.AddDays(-29),
            CauseCategory = "Inflicted injury",
            Maltreatment = ["Physical abuse"],
        });
        await IntakeForm.RecordAsync(page, new Incident
        {
            IncidentType = "Fatality",
            IncidentDate = Incident.Today.AddDays(-5),
            NotifiedDate = Incident.Today.AddDays(-5),
            OpenCase = "No",
            MostRecentContact = null,
            CauseCategory = "Drowning",
            Maltreatment = ["Neglect"],
        });

        await page.GotoAsync("Reviews");
        await Expect(page.GetByRole(AriaRole.Table)).ToBeVisibleAsync();
        var list = Path.Combine(folder, "reviews-list.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = list, FullPage = true });

        await page.GotoAsync("Reviews/New");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New review", Level = 1 })).ToBeVisibleAsync();
        var form = Path.Combine(folder, "new-review.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = form, FullPage = true });

        Assert.True(new FileInfo(list).Length > 10_000, $"{list} looks empty.");
        Assert.True(new FileInfo(form).Length > 10_000, $"{form} looks empty.");
    }
}
