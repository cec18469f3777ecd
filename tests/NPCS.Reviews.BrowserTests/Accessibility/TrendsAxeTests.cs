using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Features.Sharing;
using NPCS.Reviews.BrowserTests.Infrastructure;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace NPCS.Reviews.BrowserTests.Accessibility;

[Collection(UsesBrowser.Name)]
public sealed class TrendsAxeTests(BrowserFixture app)
{
    /// <summary>Charts drawn by trends.js: a canvas Chart.js has taken over.</summary>
    private const string DrawnCharts = "() => Array.from(document.querySelectorAll('figure[data-chart] canvas')).filter(c => window.Chart && Chart.getChart(c)).length";

    /// <summary>Two jurisdictions' shared reviews, approved this month, stored as the hub import leaves them.</summary>
    private async Task SeedHubAsync(YearMonth month)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReviewsDbContext>();
        await HubScene.ImportAsync(db, [.. HubScene.Record("AAA", month, IncidentType.Fatality).Times(3), .. HubScene.Record("AAA", month).Times(12)]);
        await HubScene.ImportAsync(db,
        [
            .. HubScene.Record("BBB", month, IncidentType.SeriousInjury, CauseCategory.Drowning,
                [new ExtractFinding("ENV", "ENV-2", 1, 3, [new ExtractAction(ActionStrength.Stronger, ActionStatus.InProgress, null)])],
                [new ExtractNeed(NeedCategory.EconomicSupport, NeedStatus.NotIdentified, [])], daysToApproval: 120, onTime: false).Times(9),
        ]);
    }

    [Fact]
    public async Task An_analyst_sees_the_dashboard_and_the_annual_summary_with_charts_and_no_accessibility_violations()
    {
        var month = YearMonth.Of(DateOnly.FromDateTime(DateTime.UtcNow));
        await SeedHubAsync(month);

        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "analyst@demo.local");
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Trends", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Trends");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Reviews by incident type and quarter of approval" })).ToBeVisibleAsync();
        Assert.Equal(await page.Locator("figure[data-chart] canvas").CountAsync(), await page.EvaluateAsync<int>(DrawnCharts));
        Assert.True(await page.EvaluateAsync<int>(DrawnCharts) >= 8);
        await Axe.AssertNoViolationsAsync(page, "the trends dashboard of every imported jurisdiction");

        await page.GetByLabel("Jurisdiction").SelectOptionAsync("AAA");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show trends" }).ClickAsync();
        await Expect(page.Locator(".trend-summary")).ToContainTextAsync("AAA");
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "fewer than 5" }).First).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<int>(DrawnCharts) >= 8);
        await Axe.AssertNoViolationsAsync(page, "the trends dashboard of one jurisdiction");

        await page.GetByLabel("Approved from (month)").FillAsync("2026-12");
        await page.GetByLabel("Approved until (month)").FillAsync("2026-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show trends" }).ClickAsync();
        await Expect(page.GetByText("The last month must not be before the first.")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the trends dashboard with a refused period");

        await page.GetByRole(AriaRole.Link, new() { Name = "Annual summary" }).ClickAsync();
        await page.GetByLabel("Year of approval").FillAsync(month.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Jurisdiction").SelectOptionAsync("BBB");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show summary" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Annual summary {month.Year}" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Reviews completed on time" })).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the annual summary");
        Assert.Empty(BrowserFixture.CspViolations(page));
    }
}
