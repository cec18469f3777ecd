using NPCS.Reviews.Application.Features.Sharing;
using NPCS.Reviews.Application.Features.Trends;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.TestSupport;

namespace NPCS.Reviews.Tests.Features.Trends;

public class TrendAggregatorTests
{
    private static readonly ExtractPeriod FirstHalf2026 = new(new YearMonth(2026, 1), new YearMonth(2026, 6));

    private static readonly CatalogLabels NoCatalog = new(new Dictionary<string, string>(), new Dictionary<string, string>());

    private static TrendAggregator Aggregate(IEnumerable<ExtractRecord> records)
    {
        var aggregator = new TrendAggregator(FirstHalf2026);
        foreach (var record in records)
        {
            aggregator.Add(record);
        }

        aggregator.Complete();
        return aggregator;
    }

    private static ExtractFinding Finding(string domain, string item, int rating, params ExtractAction[] actions) => new(domain, item, 1, rating, actions);

    [Fact]
    public void Should_count_reviews_per_quarter_of_approval_findings_actions_needs_and_days()
    {
        var aggregator = Aggregate(
        [
            HubScene.Record("AAA", new(2026, 1), IncidentType.Fatality, CauseCategory.UnsafeSleep,
                [Finding("ORG", "ORG-1", 2, new ExtractAction(ActionStrength.Stronger, ActionStatus.Done, Effectiveness.Worked)), Finding("ORG", "ORG-3", 3), Finding("ENV", "ENV-2", 1)],
                [new(NeedCategory.Housing, NeedStatus.IdentifiedUnmet, []), new(NeedCategory.EconomicSupport, NeedStatus.IdentifiedMet, [])],
                daysToFirstDebrief: 10, daysToApproval: 40),
            HubScene.Record("AAA", new(2026, 3), IncidentType.NearFatality, CauseCategory.Drowning,
                [Finding("ORG", "ORG-1", 0)], [new(NeedCategory.Housing, NeedStatus.IdentifiedUnmet, [])],
                daysToFirstDebrief: null, daysToApproval: 100, onTime: false),
            HubScene.Record("AAA", new(2026, 5), IncidentType.NearFatality, CauseCategory.UnsafeSleep,
                [], [new(NeedCategory.Housing, NeedStatus.NotIdentified, [])], daysToFirstDebrief: 20, daysToApproval: 60),

            // Approved the month before the period: not counted anywhere.
            HubScene.Record("AAA", new(2025, 12), IncidentType.Fatality),
        ]);

        Assert.Equal([new Quarter(2026, 1), new Quarter(2026, 2)], aggregator.Quarters);
        Assert.Equal(3, aggregator.Reviews);
        Assert.Equal(2, aggregator.CompletedOnTime);
        Assert.Equal(1, aggregator.ByIncidentType[0, 0]);
        Assert.Equal(0, aggregator.ByIncidentType[0, 1]);
        Assert.Equal(1, aggregator.ByIncidentType[1, 0]);
        Assert.Equal(1, aggregator.ByIncidentType[1, 1]);
        Assert.Equal(1, aggregator.ByCause[(int)CauseCategory.UnsafeSleep - 1, 0]);
        Assert.Equal(1, aggregator.ByCause[(int)CauseCategory.UnsafeSleep - 1, 1]);
        Assert.Equal(1, aggregator.ByCause[(int)CauseCategory.Drowning - 1, 0]);

        // Reviews with the domain or item (ORG twice in the first review counts once), findings by rating.
        Assert.Equal(2, aggregator.Domains["ORG"]);
        Assert.Equal(1, aggregator.Domains["ENV"]);
        Assert.Equal(2, aggregator.Items[("ORG", "ORG-1")]);
        Assert.Equal(1, aggregator.Items[("ORG", "ORG-3")]);
        Assert.Equal([1, 1, 1, 1], aggregator.Ratings);
        Assert.Equal(1, aggregator.Actions[0, (int)ActionStatus.Done - 1]);
        Assert.Equal(1, aggregator.Actions.Cast<int>().Sum());

        Assert.Equal(2, aggregator.Needs[(int)NeedCategory.Housing - 1, 0]);
        Assert.Equal(1, aggregator.Needs[(int)NeedCategory.Housing - 1, 1]);
        Assert.Equal(1, aggregator.Needs[(int)NeedCategory.EconomicSupport - 1, 2]);

        Assert.Equal([40, 60, 100], aggregator.DaysToApproval);
        Assert.Equal([10, 20], aggregator.DaysToFirstDebrief);
        Assert.Equal(60, Percentile.Of(aggregator.DaysToApproval, 0.5));
    }

    [Fact]
    public void Should_show_shares_medians_and_the_90th_percentile_and_suppress_small_counts_in_every_table()
    {
        // 16 reviews: 12 near fatalities in Q1 with an ORG-1 finding, 4 fatalities in Q2 with none; approval after 10 to 160 days.
        var records = Enumerable.Range(1, 12)
            .Select(i => HubScene.Record("AAA", new(2026, 2), daysToApproval: i * 10))
            .Concat(Enumerable.Range(13, 4).Select(i => HubScene.Record("AAA", new(2026, 4), IncidentType.Fatality, findings: [], needs: [], daysToApproval: i * 10)));
        var report = new TrendReport(Aggregate(records), null, NoCatalog, 5);

        var tables = report.Dashboard().ToDictionary(t => t.Id);
        var byType = tables["incident-type"];
        Assert.Equal(["2026 Q1", "2026 Q2", "Total", "Share of reviews"], byType.Columns.Select(c => c.Label));
        var fatality = byType.Rows.Single(r => r.Label == "Fatality");
        var nearFatality = byType.Rows.Single(r => r.Label == "Near fatality");
        Assert.Equal(["0", "fewer than 5", "fewer than 5", "suppressed"], fatality.Cells.Select(c => c.Text));

        // With the 16 shown, the 12 would give the 4 away wherever it appears: in its row, its total and its quarter's total.
        Assert.Equal(["suppressed", "0", "suppressed", "suppressed"], nearFatality.Cells.Select(c => c.Text));
        var total = byType.Rows.Single(r => r.IsTotal);
        Assert.Equal(["suppressed", "fewer than 5", "16", "100%"], total.Cells.Select(c => c.Text));
        Assert.Equal("16", report.Reviews.Text);

        var items = tables["items"].Rows.Single(r => r.Label == "ORG-1");
        Assert.Equal(["12", "75%"], items.Cells.Select(c => c.Text));

        var approval = tables["days"].Rows.Single(r => r.Label == "To the supervisor's approval");
        Assert.Equal(["16", "85", "145"], approval.Cells.Select(c => c.Text));

        // Housing unmet in 12 reviews, listed first as the need most often unmet; nothing else was recorded.
        var needs = tables["needs"];
        Assert.Equal("Housing", needs.Rows[0].Label);
        Assert.Equal(["12", "0", "0", "12", "100%"], needs.Rows[0].Cells.Select(c => c.Text));

        // No table shows a count of 1 to 4, nor a chart value for a hidden cell.
        foreach (var cell in report.Dashboard().SelectMany(t => t.Rows).SelectMany(r => r.Cells))
        {
            Assert.DoesNotMatch("^[1-4]$", cell.Text);
            Assert.True(cell.Status == CellStatus.Shown || cell.Value is null);
        }
    }

    [Fact]
    public void Should_put_the_pooled_shares_and_medians_beside_the_viewers_own()
    {
        var own = Aggregate(HubScene.Record("AAA", new(2026, 2), daysToApproval: 30).Times(10));
        var pooled = Aggregate(HubScene.Record("AAA", new(2026, 2), daysToApproval: 30).Times(10)
            .Concat(HubScene.Record("BBB", new(2026, 3), IncidentType.Fatality, findings: [], daysToApproval: 50).Times(10)));
        var report = new TrendReport(own, pooled, NoCatalog, 5);

        var tables = report.Dashboard().ToDictionary(t => t.Id);
        Assert.Equal("Pooled share", tables["incident-type"].Columns[^1].Label);
        Assert.Equal("50%", tables["incident-type"].Rows.Single(r => r.Label == "Fatality").Cells[^1].Text);
        Assert.Equal("100%", tables["items"].Rows.Single(r => r.Label == "ORG-1").Cells[1].Text);
        Assert.Equal("50%", tables["items"].Rows.Single(r => r.Label == "ORG-1").Cells[2].Text);
        var approval = tables["days"].Rows.Single(r => r.Label == "To the supervisor's approval");
        Assert.Equal(["10", "30", "30", "40", "50"], approval.Cells.Select(c => c.Text));
        Assert.Equal("20", report.PooledReviews!.Text);
    }
}
