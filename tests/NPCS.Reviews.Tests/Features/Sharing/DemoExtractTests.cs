using System.Text;
using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Data.Seeding;
using NPCS.Reviews.Application.Features.Hub;
using NPCS.Reviews.Application.Features.Sharing;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.Tests.Support;

namespace NPCS.Reviews.Tests.Features.Sharing;

/// <summary>Acceptance: the demo data of `dotnet run` gives an extract that validates against the schema and holds nothing identifying.</summary>
public class DemoExtractTests(SliceFixture fixture) : SliceTest(fixture, Users.Admin)
{
    [Fact]
    public async Task Should_export_the_demo_history_as_lines_that_validate_against_the_schema_and_identify_no_one()
    {
        await Fixture.ExecuteScopeAsync(sp => sp.GetRequiredService<Seeder>().SeedDemoAsync(SliceFixture.Password, withHistory: true));
        var reviews = await Fixture.QueryDbAsync(db => db.Reviews.IgnoreQueryFilters().Where(r => r.Stage == ReviewStage.Approved)
            .Select(r => new { r.Number, r.CaseReference, r.Summary }).ToListAsync());
        var texts = await Fixture.QueryDbAsync(async db =>
            (await db.Needs.IgnoreQueryFilters().Select(n => n.Description).ToListAsync())
            .Concat(await db.Findings.IgnoreQueryFilters().Select(f => f.Description).ToListAsync())
            .Concat(await db.DecisionPoints.IgnoreQueryFilters().Select(p => p.Decision).ToListAsync())
            .Concat(await db.ReviewActions.IgnoreQueryFilters().Select(a => a.OwnerName).ToListAsync())
            .Distinct().ToList());
        Assert.True(reviews.Count >= DemoHistory.Reviews);

        var text = await Fixture.ExecuteScopeAsync(async sp =>
        {
            var file = await sp.GetRequiredService<IMediator>().Send(new ExportExtract.Query { From = "2025-11", To = "2026-10", Format = ExtractFormat.JsonLines });
            using var body = new MemoryStream();
            await file.WriteAsync(body, CancellationToken.None);
            return Encoding.UTF8.GetString(body.ToArray());
        });

        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length >= 20, $"{lines.Length} lines");
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            Assert.Empty(ExtractSchema.Problems(json.RootElement));
        }

        Assert.All(reviews, r =>
        {
            Assert.DoesNotContain(r.Number, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(r.CaseReference, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(r.Summary ?? "\u0001", text, StringComparison.OrdinalIgnoreCase);
        });
        Assert.All(texts, t => Assert.DoesNotContain(t, text, StringComparison.OrdinalIgnoreCase));
        Assert.Contains("\"priorReports\":", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_write_bands_as_the_schema_names_them()
    {
        Assert.Equal("5+", Bands.Label(PriorReportsBand.FiveOrMore));
        Assert.Equal("under-1", Bands.Label(AgeBand.Under1));
        Assert.Contains("\"priorReports\":\"5+\"", JsonSerializer.Serialize(
            new ExtractPriorInvolvement(YesNoUnknown.Yes, true, PriorReportsBand.FiveOrMore, YesNoUnknown.No), ExtractRecord.JsonOptions), StringComparison.Ordinal);
    }
}
