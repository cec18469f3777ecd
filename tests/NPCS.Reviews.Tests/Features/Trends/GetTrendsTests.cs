using Microsoft.Extensions.DependencyInjection;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Features.Sharing;
using NPCS.Reviews.Application.Features.Trends;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.Tests.Support;
using NPCS.Reviews.TestSupport;

namespace NPCS.Reviews.Tests.Features.Trends;

/// <summary>An Analyst reads the hub: every imported jurisdiction, or one.</summary>
public class GetTrendsFromTheHubTests(SliceFixture fixture) : SliceTest(fixture, Users.Analyst)
{
    // The fixture's clock is in November 2026: the default period is December 2025 to November 2026.
    private static readonly YearMonth October = new(2026, 10);

    private async Task SeedAsync()
    {
        await Fixture.ExecuteScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<Application.Data.ReviewsDbContext>();
            await HubScene.ImportAsync(db, [.. HubScene.Record("AAA", October).Times(7), .. HubScene.Record("AAA", October, IncidentType.Fatality).Times(3)]);
            await HubScene.ImportAsync(db, [.. HubScene.Record("BBB", October, IncidentType.Fatality).Times(12)]);
        });
    }

    private static TrendRow Row(GetTrends.Result result, string table, string label) =>
        result.Tables.Single(t => t.Id == table).Rows.Single(r => r.Label == label);

    [Fact]
    public async Task Should_show_the_hub_data_of_every_jurisdiction_or_of_one()
    {
        await SeedAsync();

        var all = await Fixture.SendAsync<GetTrends.Result>(new GetTrends.Query());
        Assert.Equal(GetTrends.Source.Hub, all.Source);
        Assert.Equal(new ExtractPeriod(new(2025, 12), new(2026, 11)), all.Period);
        Assert.Equal("22", all.Reviews.Text);
        Assert.Equal("15", Row(all, "incident-type", "Fatality").Cells[^2].Text);

        var aaa = await Fixture.SendAsync<GetTrends.Result>(new GetTrends.Query(Jurisdiction: "AAA"));
        Assert.Equal("10", aaa.Reviews.Text);
        Assert.Equal("fewer than 5", Row(aaa, "incident-type", "Fatality").Cells[^2].Text);
        Assert.Equal("suppressed", Row(aaa, "incident-type", "Near fatality").Cells[^2].Text);
        Assert.Null(aaa.PooledReviews);

        var fatalities = await Fixture.SendAsync<GetTrends.Result>(new GetTrends.Query(IncidentType: IncidentType.Fatality, Jurisdiction: "BBB"));
        Assert.Equal("12", fatalities.Reviews.Text);

        // Outside the period, nothing; the Analyst's labels come from the default catalog.
        var before = await Fixture.SendAsync<GetTrends.Result>(new GetTrends.Query("2025-01", "2025-12"));
        Assert.Equal("0", before.Reviews.Text);
        Assert.Contains(all.Tables.Single(t => t.Id == "items").Rows, r => r.Label == "Teamwork and coordination (ORG-1)");

        var choices = await Fixture.SendAsync<GetTrends.Choices>(new GetTrends.ChoicesQuery());
        Assert.True(choices.IsAnalyst);
        Assert.Equal(["AAA", "BBB"], choices.HubJurisdictions);
    }

    [Theory]
    [InlineData("2026-13", null, null, "From")]
    [InlineData("0001-01", null, null, "From")]
    [InlineData(null, "9999-12", null, "To")]
    [InlineData("2026-05", "2026-01", null, "To")]
    [InlineData("2019-01", "2026-01", null, "From")]
    [InlineData(null, null, "ZZZ", "Jurisdiction")]
    public async Task Should_refuse_a_bad_filter_beside_its_field(string? from, string? to, string? jurisdiction, string field)
    {
        var refused = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync<GetTrends.Result>(new GetTrends.Query(from, to, null, jurisdiction)));

        Assert.Contains(field, refused.Errors.Keys);
    }

    [Fact]
    public async Task Should_refuse_an_unknown_incident_type()
    {
        var refused = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync<GetTrends.Result>(new GetTrends.Query(IncidentType: (IncidentType)99)));

        Assert.Contains(nameof(GetTrends.Query.IncidentType), refused.Errors.Keys);
    }
}

/// <summary>A Supervisor reads their own jurisdiction live, with the pooled hub data beside it once there is any.</summary>
public class GetTrendsOfTheOwnJurisdictionTests(SliceFixture fixture) : SliceTest(fixture, Users.Supervisor)
{
    [Fact]
    public async Task Should_show_the_own_live_data_and_the_pooled_columns_only_when_the_hub_has_data()
    {
        for (var i = 0; i < 6; i++)
        {
            await Fixture.ReviewAtAsync(ReviewStage.Approved);
        }

        await Fixture.ReviewAtAsync(ReviewStage.Approval);

        var alone = await Fixture.SendAsync<GetTrends.Result>(new GetTrends.Query());
        Assert.Equal(GetTrends.Source.Own, alone.Source);
        Assert.Equal("Demo County", alone.SourceName);
        Assert.Equal("6", alone.Reviews.Text);
        Assert.Null(alone.PooledReviews);
        Assert.DoesNotContain(alone.Tables.SelectMany(t => t.Columns), c => c.Label.StartsWith("Pooled", StringComparison.Ordinal));
        var nearFatality = alone.Tables.Single(t => t.Id == "incident-type").Rows.Single(r => r.Label == "Near fatality");
        Assert.Equal("6", nearFatality.Cells[^2].Text);

        // The scene's finding is the first item of the jurisdiction's catalog, named from it; its need is unmet housing.
        Assert.Equal("6", alone.Tables.Single(t => t.Id == "items").Rows.Single().Cells[0].Text);
        Assert.Equal("Housing", alone.Tables.Single(t => t.Id == "needs").Rows[0].Label);

        await Fixture.ExecuteScopeAsync(sp => HubScene.ImportAsync(
            sp.GetRequiredService<Application.Data.ReviewsDbContext>(), [.. HubScene.Record("AAA", new(2026, 9), IncidentType.Fatality).Times(8)]));

        var compared = await Fixture.SendAsync<GetTrends.Result>(new GetTrends.Query());
        Assert.Equal("6", compared.Reviews.Text);
        Assert.Equal("8", compared.PooledReviews!.Text);
        var byType = compared.Tables.Single(t => t.Id == "incident-type");
        Assert.Equal("Pooled share", byType.Columns[^1].Label);
        Assert.Equal("100%", byType.Rows.Single(r => r.Label == "Fatality").Cells[^1].Text);
        Assert.Equal("0%", byType.Rows.Single(r => r.Label == "Near fatality").Cells[^1].Text);

        // Never another jurisdiction's rows: the pooled data are one column, not one per jurisdiction.
        Assert.Single(byType.Columns, c => c.Label.StartsWith("Pooled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_refuse_a_jurisdiction_filter_from_a_supervisor()
    {
        var refused = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync<GetTrends.Result>(new GetTrends.Query(Jurisdiction: "DEMO")));

        Assert.Contains(nameof(GetTrends.Query.Jurisdiction), refused.Errors.Keys);
    }
}

public class GetTrendsAccessTests(SliceFixture fixture) : SliceTest(fixture, Users.Caseworker)
{
    [Theory]
    [InlineData(Users.Caseworker)]
    [InlineData(Users.Facilitator)]
    public async Task Should_refuse_caseworkers_and_facilitators(string email)
    {
        await Fixture.RunAsUserAsync(email);

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Fixture.SendAsync<GetTrends.Result>(new GetTrends.Query()));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Fixture.SendAsync<GetAnnualSummary.Result>(new GetAnnualSummary.Query(2026)));
    }

    [Fact]
    public async Task Should_give_an_administrator_the_annual_summary_of_their_own_jurisdiction()
    {
        await Fixture.ReviewAtAsync(ReviewStage.Approved);
        await Fixture.RunAsUserAsync(Users.Admin);

        var summary = await Fixture.SendAsync<GetAnnualSummary.Result>(new GetAnnualSummary.Query(2026));

        Assert.Equal("Demo County", summary.JurisdictionName);
        Assert.False(summary.FromHub);
        Assert.Equal("fewer than 5", summary.Reviews.Text);
        Assert.Equal(["incident-type", "cause", "on-time", "top-items", "actions"], summary.Tables.Select(t => t.Id));
        Assert.DoesNotContain(summary.Tables.SelectMany(t => t.Rows).SelectMany(r => r.Cells), c => c.Text == "1");
    }
}
