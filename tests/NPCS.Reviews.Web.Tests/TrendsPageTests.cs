using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Features.Sharing;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.TestSupport;
using NPCS.Reviews.Web.Tests.Support;

namespace NPCS.Reviews.Web.Tests;

/// <summary>The trend pages render real data, and a count of 1 to 4 never reaches the HTML, a chart value or a CSV.</summary>
public partial class TrendsPageTests(AppFactory app) : IClassFixture<AppFactory>, IAsyncLifetime
{
    private static readonly YearMonth ThisMonth = YearMonth.Of(DateOnly.FromDateTime(DateTime.UtcNow));

    /// <summary>3 fatalities and 12 near fatalities from AAA, 9 near fatalities from BBB, approved this month.</summary>
    public async Task InitializeAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReviewsDbContext>();
        if (!db.SharedReviews.Any())
        {
            await HubScene.ImportAsync(db, [.. HubScene.Record("AAA", ThisMonth, IncidentType.Fatality).Times(3), .. HubScene.Record("AAA", ThisMonth).Times(12)]);
            await HubScene.ImportAsync(db, [.. HubScene.Record("BBB", ThisMonth).Times(9)]);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [GeneratedRegex("^[1-4]$")]
    private static partial Regex SmallCount();

    /// <summary>Every cell of every trend table, and every value a chart would plot.</summary>
    private static void AssertNoSmallCount(AngleSharp.Dom.IDocument page)
    {
        var cells = page.QuerySelectorAll(".trend-table td").ToList();
        Assert.NotEmpty(cells);
        Assert.DoesNotContain(cells, c => SmallCount().IsMatch(c.TextContent.Trim()));
        Assert.DoesNotContain(cells, c => c.GetAttribute("data-value") is "1" or "2" or "3" or "4");
        var plotted = cells.Where(c => c.TextContent.Trim() is "fewer than 5" or "suppressed" && c.HasAttribute("data-value")).Select(c => c.OuterHtml).ToList();
        Assert.True(plotted.Count == 0, "Hidden cells with a chart value: " + string.Join(", ", plotted));
    }

    private static void AssertNoSmallCount(string csv)
    {
        var fields = csv.Split(["\r\n"], StringSplitOptions.RemoveEmptyEntries).SelectMany(l => l.Split(',')).Select(f => f.Trim('"', '\uFEFF')).ToList();
        Assert.DoesNotContain(fields, f => SmallCount().IsMatch(f));
    }

    [Fact]
    public async Task An_analyst_sees_the_hub_with_small_counts_suppressed_in_the_page_and_the_csv()
    {
        using var analyst = await app.SignInAsync("analyst@demo.local");

        var page = await analyst.GetPageAsync("/Trends?Data.Jurisdiction=AAA");

        Assert.Equal("Trends", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("AAA", page.QuerySelector(".trend-summary")!.TextContent, StringComparison.Ordinal);
        var fatality = page.QuerySelectorAll("#incident-type-table tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "Fatality");
        Assert.Contains(fatality.QuerySelectorAll("td"), c => c.TextContent == "fewer than 5");
        var nearFatality = page.QuerySelectorAll("#incident-type-table tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "Near fatality");
        Assert.Contains(nearFatality.QuerySelectorAll("td"), c => c.TextContent == "suppressed");
        Assert.Equal("15", page.QuerySelectorAll("#incident-type-table tbody tr")[^1].QuerySelectorAll("td")[^2].TextContent);
        Assert.NotNull(page.QuerySelector("figure[data-chart] canvas[role='img'][aria-label]"));
        Assert.Equal(["AAA", "BBB"], page.QuerySelectorAll("select[name='Data.Jurisdiction'] option").Select(o => o.GetAttribute("value")).Where(v => v != ""));
        AssertNoSmallCount(page);

        var csvLink = page.QuerySelectorAll("a[download]").Select(a => a.GetAttribute("href")!).First(h => h.Contains("table=incident-type", StringComparison.Ordinal));
        var csv = await analyst.Http.GetAsync(new Uri(csvLink, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Contains("no-store", csv.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Contains("Fatality,", text, StringComparison.Ordinal);
        Assert.Contains("fewer than 5", text, StringComparison.Ordinal);
        Assert.Contains("suppressed", text, StringComparison.Ordinal);
        AssertNoSmallCount(text);

        foreach (var link in page.QuerySelectorAll("a[download]").Select(a => a.GetAttribute("href")!))
        {
            AssertNoSmallCount(await analyst.Http.GetStringAsync(new Uri(link, UriKind.Relative)));
        }

        Assert.Equal(HttpStatusCode.NotFound, (await analyst.Http.GetAsync(new Uri("/Trends?handler=Csv&table=nonsense", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_supervisor_sees_their_own_reviews_with_the_pooled_shares_beside_them()
    {
        await app.ReviewAtAsync(ReviewStage.Approved);
        using var supervisor = await app.SignInAsync("supervisor@demo.local");

        var page = await supervisor.GetPageAsync("/Trends");

        Assert.Contains("Demo County", page.QuerySelector(".trend-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(page.QuerySelectorAll("#incident-type-table thead th"), th => th.TextContent == "Pooled share");
        Assert.Null(page.QuerySelector("select[name='Data.Jurisdiction']"));
        Assert.Contains(page.QuerySelectorAll("nav a"), a => a.TextContent == "Trends");
        AssertNoSmallCount(page);
    }

    [Fact]
    public async Task The_annual_summary_of_an_imported_jurisdiction_prints_and_downloads_suppressed()
    {
        using var analyst = await app.SignInAsync("analyst@demo.local");

        var choose = await analyst.GetPageAsync("/Trends/Annual");
        Assert.Null(choose.QuerySelector("article.annual-summary"));

        var page = await analyst.GetPageAsync($"/Trends/Annual?Data.Year={ThisMonth.Year}&Data.Jurisdiction=AAA");
        Assert.Contains($"Annual summary {ThisMonth.Year}", page.QuerySelector("article h2")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#on-time-table"));
        Assert.NotNull(page.QuerySelector("#top-items-table"));
        Assert.NotNull(page.QuerySelector("button[data-print]"));
        AssertNoSmallCount(page);
        foreach (var link in page.QuerySelectorAll("a[download]").Select(a => a.GetAttribute("href")!))
        {
            var csv = await analyst.Http.GetAsync(new Uri(link, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
            AssertNoSmallCount(await csv.Content.ReadAsStringAsync());
        }
    }

    [Theory]
    [InlineData("/Trends?Data.From=2026-13", "Data.From")]
    [InlineData("/Trends?Data.From=2026-06&Data.To=2026-01", "Data.To")]
    [InlineData("/Trends?Data.From=2001-01&Data.To=2026-01", "Data.From")]
    [InlineData("/Trends?Data.IncidentType=Nonsense", "Data.IncidentType")]
    [InlineData("/Trends?Data.IncidentType=99", "Data.IncidentType")]
    [InlineData("/Trends?Data.Jurisdiction=%3Cscript%3E", "Data.Jurisdiction")]
    [InlineData("/Trends?handler=Csv&table=incident-type&Data.To=9999-12", "Data.To")]
    [InlineData("/Trends/Annual?Data.Year=abc", "Data.Year")]
    [InlineData("/Trends/Annual?Data.Year=99999&Data.Jurisdiction=AAA", "Data.Year")]
    [InlineData("/Trends/Annual?Data.Jurisdiction=ZZZ", "Data.Jurisdiction")]
    [InlineData("/Trends/Annual?handler=Csv&table=incident-type", "Data.Jurisdiction")]
    public async Task A_bad_filter_re_renders_the_form_with_a_message_beside_the_field(string url, string field)
    {
        using var analyst = await app.SignInAsync("analyst@demo.local");

        var response = await analyst.Http.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        var message = page.QuerySelector($"[data-valmsg-for='{field}']");
        Assert.False(string.IsNullOrWhiteSpace(message?.TextContent), $"{url}: no message beside {field}.");
        Assert.NotNull(page.QuerySelector($"[name='{field}']"));
    }

    [Fact]
    public void A_threshold_below_5_stops_the_app_at_start_up()
    {
        using var lowered = app.WithWebHostBuilder(b => b.UseSetting("Trends:SmallCellThreshold", "3"));

        var refused = Assert.ThrowsAny<Exception>(() => lowered.CreateClient());

        Assert.Contains("SmallCellThreshold may not be below 5", refused.ToString(), StringComparison.Ordinal);
    }
}
