using System.Net;
using System.Text.Json;
using NPCS.Reviews.Application.Features.Sharing;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.Web.Tests.Support;

namespace NPCS.Reviews.Web.Tests;

public class SharingPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static string ThisMonth => YearMonth.Of(Forms.Today).ToString();

    [Fact]
    public async Task Should_download_the_extract_of_a_period_and_list_it_as_made()
    {
        await app.ReviewAtAsync(ReviewStage.Approved);
        using var admin = await app.SignInAsync("admin@demo.local");
        var page = await admin.GetPageAsync("/Admin/Sharing");
        Assert.Equal(YearMonth.Of(Forms.Today).AddMonths(-1).ToString(), page.InputValue("Data.To"));

        var response = await admin.SubmitAsync(page, "main form", new() { ["Data.From"] = [ThisMonth], ["Data.To"] = [ThisMonth] });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/jsonl", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"npcs-extract-DEMO-{ThisMonth}-to-{ThisMonth}.jsonl", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Equal("DEMO", JsonSerializer.Deserialize<ExtractRecord>(l, ExtractRecord.JsonOptions)!.Jurisdiction));

        var csv = await admin.SubmitAsync(page, "main form", new() { ["Data.From"] = [ThisMonth], ["Data.To"] = [ThisMonth], ["Data.Format"] = ["Csv"] });
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal(lines.Length + 1, (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);

        var log = await admin.GetPageAsync("/Admin/Sharing");
        var rows = log.QuerySelectorAll("table tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("Alex Administrator", StringComparison.Ordinal) && r.Contains("CSV", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("JSON Lines", StringComparison.Ordinal) && r.Contains(lines.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_explain_a_period_that_makes_no_sense_and_keep_what_was_typed()
    {
        using var admin = await app.SignInAsync("admin@demo.local");
        var page = await admin.GetPageAsync("/Admin/Sharing");

        var refused = await AppClient.ParseAsync(await admin.SubmitAsync(page, "main form", new() { ["Data.From"] = ["2026-10"], ["Data.To"] = ["2026-02"] }));

        Assert.Equal("The last month cannot be before the first month.", refused.FieldError("Data.To"));
        Assert.Equal("2026-10", refused.InputValue("Data.From"));
        Assert.Equal("2026-02", refused.InputValue("Data.To"));

        var future = await AppClient.ParseAsync(await admin.SubmitAsync(page, "main form", new() { ["Data.To"] = [YearMonth.Of(Forms.Today).AddMonths(2).ToString()] }));
        Assert.Equal("The last month cannot be in the future.", future.FieldError("Data.To"));
    }
}
