using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.BrowserTests.Infrastructure;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace NPCS.Reviews.BrowserTests;

/// <summary>The README's screenshots, taken from the real app at 1280 px so they can be refreshed whenever the UI changes.</summary>
[Collection(UsesBrowser.Name)]
public sealed class ScreenshotTests(BrowserFixture app)
{
    /// <summary>Every run takes them (artifacts/screenshots); NPCS_UPDATE_SCREENSHOTS=1 refreshes the README's copies in docs/.</summary>
    internal static string Folder()
    {
        var update = Environment.GetEnvironmentVariable("NPCS_UPDATE_SCREENSHOTS") == "1";
        var folder = Path.Combine(Repository.Root(), update ? "docs" : "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        return folder;
    }

    [Fact]
    public async Task Readme_screenshots_show_the_review_list_and_the_new_review_form()
    {
        var folder = Folder();

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

    [Fact]
    public async Task Readme_screenshot_shows_the_trends_dashboard()
    {
        var folder = Folder();
        var month = NPCS.Reviews.Application.Features.Sharing.YearMonth.Of(DateOnly.FromDateTime(DateTime.UtcNow));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // A year of one invented jurisdiction's shared reviews, varied enough to fill every chart.
            var random = new Random(2026);
            var types = Enum.GetValues<IncidentType>();
            var causes = Enum.GetValues<CauseCategory>();
            string[] items = ["ENV-1", "ENV-2", "ORG-1", "ORG-1", "ORG-1", "ORG-3", "ORG-4", "PPL-1", "PPL-2"];
            var records = Enumerable.Range(0, 160).Select(_ =>
            {
                var item = items[random.Next(items.Length)];
                var finding = new NPCS.Reviews.Application.Features.Sharing.ExtractFinding(item[..3], item, 1, random.Next(1, 4),
                    [new NPCS.Reviews.Application.Features.Sharing.ExtractAction((ActionStrength)random.Next(1, 4), (ActionStatus)random.Next(2, 5), null)]);
                var need = new NPCS.Reviews.Application.Features.Sharing.ExtractNeed((NeedCategory)random.Next(1, 9), (NeedStatus)random.Next(1, 4), []);
                return HubScene.Record("SHOW", month.AddMonths(-random.Next(0, 12)), types[random.Next(3)], causes[random.Next(6)],
                    [finding], [need], random.Next(10, 45), random.Next(50, 130), random.Next(4) > 0);
            }).ToList();
            foreach (var approved in records.GroupBy(r => r.ApprovedMonth))
            {
                await HubScene.ImportAsync(scope.ServiceProvider.GetRequiredService<ReviewsDbContext>(), [.. approved]);
            }
        }

        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "analyst@demo.local");
        await page.GotoAsync("Trends?Data.Jurisdiction=SHOW");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Reviews by incident type and quarter of approval" })).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => Array.from(document.querySelectorAll('figure[data-chart] canvas')).every(c => window.Chart && Chart.getChart(c))");
        await page.WaitForTimeoutAsync(1500); // Chart.js draws with a short animation; the picture should show its end.
        var trends = Path.Combine(folder, "trends.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = trends, FullPage = false });
        Assert.True(new FileInfo(trends).Length > 10_000, $"{trends} looks empty.");
    }

    [Fact]
    public async Task Readme_screenshot_shows_a_debrief_session_run_live()
    {
        var folder = Folder();
        int id, sessionId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReviewsDbContext>();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var now = TimeProvider.System.GetUtcNow();
            id = await ReviewScene.CreateAtAsync(db, users, ReviewStage.Debrief, now);
            await LiveSessionScene.AddChronologyEntryAsync(db, id, Incident.Today.AddDays(-60), "Well-baby visit at the county clinic; the mother asked about help with a crib.");
            await LiveSessionScene.AddChronologyEntryAsync(db, id, Incident.Today.AddDays(-40), "Home visit; family assessment closed with a referral to parenting classes.");
            sessionId = (await LiveSessionScene.ScheduleAsync(db, users, id, now, groundRules: true)).SessionId;
        }

        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "facilitator@demo.local");
        await page.GotoAsync($"Reviews/{id}/Debrief/Sessions/{sessionId}/Live");
        var capture = page.Locator("#capture form");
        await capture.GetByLabel("Date of the decision").FillAsync(Incident.Today.AddDays(-40).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await capture.GetByLabel("Role of who decided").SelectOptionAsync(new SelectOptionValue { Label = "Ongoing caseworker" });
        await capture.GetByLabel("What was decided").FillAsync("Closed the family assessment with a referral instead of ongoing services.");
        await capture.GetByLabel("Cues that prompted it (optional)").FillAsync("The home was clean; the mother engaged well.");
        await capture.GetByLabel("Workload").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save decision point" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Decision point 1 saved." })).ToBeVisibleAsync();

        var live = Path.Combine(folder, "live-session.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = live, FullPage = true });
        Assert.True(new FileInfo(live).Length > 10_000, $"{live} looks empty.");
    }
}
