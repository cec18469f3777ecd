using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Data.Seeding;
using NPCS.Reviews.Application.Features.Sharing;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.BrowserTests.Infrastructure;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace NPCS.Reviews.BrowserTests.Sharing;

/// <summary>
/// The whole path of de-identified data in a real browser: two jurisdictions' Administrators download
/// their extracts, an NPCS Analyst imports both into the hub (and a broken file is refused with its
/// line numbers), and the dashboard shows them, suppressed, with no accessibility violation.
/// </summary>
[Collection(UsesBrowser.Name)]
public sealed class ShareImportAndTrendsTests(BrowserFixture app)
{
    private const string OtherAdmin = "other.admin@demo.local";

    [Fact]
    public async Task Two_jurisdictions_share_their_extracts_and_an_analyst_imports_them_and_sees_the_trends()
    {
        await ArrangeApprovedReviewsAsync();
        var month = YearMonth.Of(DateOnly.FromDateTime(DateTime.UtcNow)).ToString();
        var demoFile = await DownloadExtractAsync("admin@demo.local", month);
        var otherFile = await DownloadExtractAsync(OtherAdmin, month);

        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "analyst@demo.local");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Hub", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "NPCS hub", Level = 1 })).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the hub");

        // Other browser tests approve Demo County reviews too: count what the files hold.
        var demoReviews = (await File.ReadAllLinesAsync(demoFile)).Length;
        var otherReviews = (await File.ReadAllLinesAsync(otherFile)).Length;
        Assert.True(demoReviews >= 2 && otherReviews >= 2, $"{demoReviews} and {otherReviews} lines");
        await ImportAsync(page, demoFile);
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Extract of {Seeder.DemoCode} for {month} to {month} imported: {demoReviews} reviews, replacing 0");
        await ImportAsync(page, otherFile);
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Extract of {Seeder.OtherCode} for {month} to {month} imported: {otherReviews} reviews, replacing 0");
        await Axe.AssertNoViolationsAsync(page, "the hub after an import");

        // The same file again replaces what it brought, nothing is doubled.
        await ImportAsync(page, demoFile);
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"imported: {demoReviews} reviews, replacing {demoReviews} held before");

        var broken = app.FilePath("broken.jsonl");
        var lines = await File.ReadAllLinesAsync(demoFile);
        await File.WriteAllLinesAsync(broken, [lines[0], lines[1].Replace("\"childAgeBand\":", "\"childName\":\"Alex\",\"childAgeBand\":", StringComparison.Ordinal)]);
        await ImportAsync(page, broken);
        await Expect(page.Locator("#Import_File-error")).ToContainTextAsync("line 2: /childName");
        await Axe.AssertNoViolationsAsync(page, "the hub with a refused file");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Trends", Exact = true }).ClickAsync();
        await page.GetByLabel("Jurisdiction").SelectOptionAsync(Seeder.OtherCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show trends" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Reviews by incident type and quarter of approval" })).ToBeVisibleAsync();

        // A handful of reviews: their counts are shown as "fewer than 5", never as the number.
        Assert.InRange(otherReviews, 2, 4);
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "fewer than 5" }).First).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the trends of an imported jurisdiction");
        Assert.Empty(BrowserFixture.CspViolations(page));
    }

    /// <summary>Two approved reviews in each county this month, and an Administrator for Other County.</summary>
    private async Task ArrangeApprovedReviewsAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReviewsDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var now = DateTimeOffset.UtcNow;
        await ReviewScene.EnsureOtherCountyCastAsync(db, users, now);
        await ReviewScene.EnsureAccountAsync(db, users, OtherAdmin, "Orla Other-Admin", Roles.Administrator, Seeder.OtherCode, BrowserFixture.Password, now);
        for (var i = 0; i < 2; i++)
        {
            await ReviewScene.CreateAtAsync(db, users, ReviewStage.Approved, now);
            await ReviewScene.CreateAtAsync(db, users, ReviewStage.Approved, now, SceneCast.OtherCounty);
        }
    }

    private async Task<string> DownloadExtractAsync(string admin, string month)
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, admin);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Data sharing" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Data sharing", Level = 1 })).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the data sharing page");

        await page.GetByLabel("First month").FillAsync(month);
        await page.GetByLabel("Last month").FillAsync(month);
        await page.GetByLabel("JSON Lines (.jsonl), for the NPCS hub").CheckAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download extract" }).ClickAsync());
        var path = app.FilePath(download.SuggestedFilename);
        await download.SaveAsAsync(path);
        Assert.EndsWith(".jsonl", download.SuggestedFilename, StringComparison.Ordinal);

        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync("JSON Lines");
        await Axe.AssertNoViolationsAsync(page, "the data sharing page with its log");
        Assert.Empty(BrowserFixture.CspViolations(page));
        return path;
    }

    private static async Task ImportAsync(IPage page, string file)
    {
        await page.GetByLabel("Extract file").SetInputFilesAsync(file);
        await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
    }
}
