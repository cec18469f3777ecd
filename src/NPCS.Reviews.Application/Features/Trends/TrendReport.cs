using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.Trends;

/// <summary>
/// Every count of one source (the viewer's data, or the pooled hub data beside it) registered in
/// one <see cref="SuppressionProblem"/> with the sums readers can see, then suppressed: the two
/// tables of reviews per quarter share their quarter totals and the total number of reviews, which
/// is also the number of reviews timed to approval and the denominator of every share of reviews.
/// </summary>
internal sealed class SuppressedCounts
{
    public SuppressedCounts(TrendAggregator data, IReadOnlyList<string> domains, IReadOnlyList<(string Domain, string Item)> items, int threshold)
    {
        Data = data;
        var problem = new SuppressionProblem();
        Types = new CountGrid(problem, data.ByIncidentType);
        Causes = new CountGrid(problem, data.ByCause, Types.ColumnTotals, Types.GrandTotal);
        Domains = domains.ToDictionary(d => d, d => problem.Add(data.Domains.GetValueOrDefault(d)), StringComparer.Ordinal);
        Items = items.ToDictionary(i => i, i => problem.Add(data.Items.GetValueOrDefault(i)));
        Ratings = CountGrid.Column(problem, data.Ratings);
        Actions = new CountGrid(problem, data.Actions);
        Needs = new CountGrid(problem, data.Needs);

        // Reviews without a debrief held, and reviews completed late, are the differences of shown
        // numbers: registered (never shown) so that a small difference is protected too.
        (var debrief, _) = CountGrid.Column(problem, [data.DaysToFirstDebrief.Count, data.Reviews - data.DaysToFirstDebrief.Count], Reviews);
        WithDebrief = debrief[0];
        (var onTime, _) = CountGrid.Column(problem, [data.CompletedOnTime, data.Reviews - data.CompletedOnTime], Reviews);
        OnTime = onTime[0];
        Late = onTime[1];
        problem.Apply(threshold);
        Format = new CellFormatter(problem, threshold);
    }

    public TrendAggregator Data { get; }

    public CellFormatter Format { get; }

    public CountGrid Types { get; }

    public CountGrid Causes { get; }

    public int Reviews => Types.GrandTotal;

    public IReadOnlyDictionary<string, int> Domains { get; }

    public IReadOnlyDictionary<(string Domain, string Item), int> Items { get; }

    public (IReadOnlyList<int> Cells, int Total) Ratings { get; }

    public CountGrid Actions { get; }

    public CountGrid Needs { get; }

    public int WithDebrief { get; }

    public int OnTime { get; }

    public int Late { get; }
}

/// <summary>
/// The tables of the dashboard and of the annual summary, built from suppressed counts: the
/// viewer's, and for a jurisdiction's staff the pooled hub data beside them as shares and medians
/// only (never another jurisdiction's rows).
/// </summary>
internal sealed class TrendReport
{
    public const string Pooled = "Pooled";

    private readonly SuppressedCounts _own;
    private readonly SuppressedCounts? _pooled;
    private readonly CatalogLabels _labels;

    public TrendReport(TrendAggregator own, TrendAggregator? pooled, CatalogLabels labels, int threshold)
    {
        _labels = labels;
        var domains = own.Domains.Keys.Concat(pooled?.Domains.Keys ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var items = own.Items.Keys.Concat(pooled?.Items.Keys ?? []).Distinct()
            .OrderBy(i => i.Domain, StringComparer.Ordinal).ThenBy(i => i.Item, StringComparer.Ordinal).ToList();
        _own = new SuppressedCounts(own, domains, items, threshold);
        _pooled = pooled is null ? null : new SuppressedCounts(pooled, domains, items, threshold);
    }

    /// <summary>The number of reviews, as every table counts it (suppressed when small).</summary>
    public TrendCell Reviews => _own.Format.Count(_own.Reviews);

    public TrendCell? PooledReviews => _pooled?.Format.Count(_pooled.Reviews);

    public IReadOnlyList<TrendTable> Dashboard() =>
    [
        ByIncidentType(),
        ByCause(),
        Shares("domains", "Reviews with a finding in each catalog domain", "Domain", [.. _own.Domains.Keys.Select(d => (d, _labels.Domain(d)))], c => c.Domains),
        Shares("items", "Reviews with a finding coded with each catalog item", "Item", [.. _own.Items.Keys.Select(i => (i, _labels.Item(i.Item)))], c => c.Items),
        Ratings(),
        Actions(),
        Days(),
        UnmetNeeds(),
    ];

    public IReadOnlyList<TrendTable> Annual() =>
    [
        ByIncidentType(),
        ByCause(),
        OnTime(),
        TopItems(10),
        Actions(),
    ];

    private TrendTable ByIncidentType() => PerQuarter(
        "incident-type", "Reviews by incident type and quarter of approval", "Incident type",
        [.. TrendAggregator.IncidentTypes.Select(t => t.DisplayName())], c => c.Types);

    private TrendTable ByCause() => PerQuarter(
        "cause", "Reviews by cause category and quarter of approval", "Cause category",
        [.. TrendAggregator.Causes.Select(t => t.DisplayName())], c => c.Causes);

    private TrendTable PerQuarter(string id, string title, string rowHeader, IReadOnlyList<string> labels, Func<SuppressedCounts, CountGrid> grid)
    {
        var own = grid(_own);
        var pooled = _pooled is null ? null : grid(_pooled);
        var quarters = _own.Data.Quarters;
        List<TrendColumn> columns = [.. quarters.Select(q => new TrendColumn(q.ToString(), Charted: true)), new("Total"), new("Share of reviews")];
        if (pooled is not null)
        {
            columns.Add(new("Pooled share"));
        }

        var rows = new List<TrendRow>();
        for (var r = 0; r < labels.Count; r++)
        {
            List<TrendCell> cells = [.. Enumerable.Range(0, quarters.Count).Select(q => _own.Format.Count(own.Cell(r, q))), _own.Format.Count(own.RowTotals[r]), _own.Format.Share(own.RowTotals[r], own.GrandTotal)];
            if (pooled is not null)
            {
                cells.Add(_pooled!.Format.Share(pooled.RowTotals[r], pooled.GrandTotal));
            }

            rows.Add(new(labels[r], cells));
        }

        List<TrendCell> totals = [.. own.ColumnTotals.Select(_own.Format.Count), _own.Format.Count(own.GrandTotal), _own.Format.Share(own.GrandTotal, own.GrandTotal)];
        if (pooled is not null)
        {
            totals.Add(_pooled!.Format.Share(pooled.GrandTotal, pooled.GrandTotal));
        }

        rows.Add(new("Total", totals, IsTotal: true));
        return new(id, title, rowHeader, columns, rows, new ChartSpec(ChartKind.Bar, ChartSeries.Rows, Stacked: true, "reviews"));
    }

    private TrendTable Shares<TKey>(string id, string title, string rowHeader, IReadOnlyList<(TKey Key, string Label)> keys, Func<SuppressedCounts, IReadOnlyDictionary<TKey, int>> cells)
        where TKey : notnull
    {
        List<TrendColumn> columns = [new("Reviews"), new("Share of reviews", Charted: true)];
        if (_pooled is not null)
        {
            columns.Add(new("Pooled share", Charted: true));
        }

        var rows = keys.Select(k =>
        {
            var own = cells(_own)[k.Key];
            List<TrendCell> row = [_own.Format.Count(own), _own.Format.Share(own, _own.Reviews)];
            if (_pooled is not null)
            {
                row.Add(_pooled.Format.Share(cells(_pooled)[k.Key], _pooled.Reviews));
            }

            return new TrendRow(k.Label, row);
        }).ToList();
        return new(id, title, rowHeader, columns, rows, new ChartSpec(ChartKind.HorizontalBar, ChartSeries.Columns, Stacked: false, "%"),
            "A review can have findings in several domains and items, so the shares do not add up to 100%.");
    }

    /// <summary>The most frequent items: ranked by the numbers shown, so the order never tells a hidden count from another.</summary>
    private TrendTable TopItems(int count)
    {
        var ranked = _own.Items
            .Where(i => _own.Format.Problem.Value(i.Value) > 0)
            .OrderByDescending(i => _own.Format.Problem.IsHidden(i.Value) ? -1 : _own.Format.Problem.Value(i.Value))
            .ThenBy(i => i.Key.Domain, StringComparer.Ordinal).ThenBy(i => i.Key.Item, StringComparer.Ordinal)
            .Take(count)
            .Select(i => (i.Key, _labels.Item(i.Key.Item)))
            .ToList();
        var table = Shares("top-items", $"The {count} systemic factors found most often", "Catalog item", ranked, c => c.Items);
        return table with { Chart = null, Note = "Reviews with at least one finding coded with the item. " + table.Note };
    }

    private TrendTable Ratings()
    {
        List<TrendColumn> columns = [new("Findings"), new("Share of findings", Charted: true)];
        if (_pooled is not null)
        {
            columns.Add(new("Pooled share", Charted: true));
        }

        var rows = new List<TrendRow>();
        for (var rating = FindingRating.Min; rating <= FindingRating.Max + 1; rating++)
        {
            var total = rating > FindingRating.Max;
            int Cell(SuppressedCounts c) => total ? c.Ratings.Total : c.Ratings.Cells[rating];
            List<TrendCell> cells = [_own.Format.Count(Cell(_own)), _own.Format.Share(Cell(_own), _own.Ratings.Total)];
            if (_pooled is not null)
            {
                cells.Add(_pooled.Format.Share(Cell(_pooled), _pooled.Ratings.Total));
            }

            rows.Add(new(total ? "Total" : FindingRating.Meaning(rating), cells, total));
        }

        return new("ratings", "Findings by rating", "Rating", columns, rows, new ChartSpec(ChartKind.HorizontalBar, ChartSeries.Columns, Stacked: false, "%"));
    }

    private TrendTable Actions() => Crossed(
        "actions", "Actions by strength and status", "Strength",
        [.. TrendAggregator.Strengths.Select(s => s.DisplayName())],
        [.. TrendAggregator.ActionStatuses.Select(s => s.DisplayName())],
        c => c.Actions, "Share of actions", order: null,
        new ChartSpec(ChartKind.Bar, ChartSeries.Columns, Stacked: true, "actions"));

    /// <summary>Needs by category and status, the most often unmet first (by the numbers shown).</summary>
    private TrendTable UnmetNeeds()
    {
        var unmet = 0;
        var problem = _own.Format.Problem;
        int Rank(int r) => problem.IsHidden(_own.Needs.Cell(r, unmet)) ? -1 : problem.Value(_own.Needs.Cell(r, unmet));
        var order = Enumerable.Range(0, TrendAggregator.NeedCategories.Count).OrderByDescending(Rank).ThenBy(r => r).ToList();
        return Crossed(
            "needs", "Family needs by category and status, most often unmet first", "Need category",
            [.. TrendAggregator.NeedCategories.Select(c => c.DisplayName())],
            [.. TrendAggregator.NeedStatuses.Select(s => s.DisplayName())],
            c => c.Needs, "Share unmet", order,
            new ChartSpec(ChartKind.HorizontalBar, ChartSeries.Columns, Stacked: true, "needs"),
            shareOfRow: 0);
    }

    /// <summary>
    /// A grid with its totals. The share column is the row's share of the grand total, or with
    /// <paramref name="shareOfRow"/> the share of that column within the row (unmet needs of a category).
    /// </summary>
    private TrendTable Crossed(
        string id, string title, string rowHeader, IReadOnlyList<string> rowLabels, IReadOnlyList<string> columnLabels,
        Func<SuppressedCounts, CountGrid> grid, string shareLabel, IReadOnlyList<int>? order, ChartSpec chart, int? shareOfRow = null)
    {
        var own = grid(_own);
        var pooled = _pooled is null ? null : grid(_pooled);
        List<TrendColumn> columns = [.. columnLabels.Select(l => new TrendColumn(l, Charted: true)), new("Total"), new(shareLabel)];
        if (pooled is not null)
        {
            columns.Add(new("Pooled " + char.ToLowerInvariant(shareLabel[0]) + shareLabel[1..]));
        }

        TrendCell Share(SuppressedCounts counts, CountGrid g, int row) => shareOfRow is { } c
            ? counts.Format.Share(g.Cell(row, c), g.RowTotals[row])
            : counts.Format.Share(g.RowTotals[row], g.GrandTotal);

        var rows = new List<TrendRow>();
        foreach (var r in order ?? [.. Enumerable.Range(0, rowLabels.Count)])
        {
            List<TrendCell> cells = [.. Enumerable.Range(0, columnLabels.Count).Select(c => _own.Format.Count(own.Cell(r, c))), _own.Format.Count(own.RowTotals[r]), Share(_own, own, r)];
            if (pooled is not null)
            {
                cells.Add(Share(_pooled!, pooled, r));
            }

            rows.Add(new(rowLabels[r], cells));
        }

        TrendCell TotalShare(SuppressedCounts counts, CountGrid g) => shareOfRow is { } c
            ? counts.Format.Share(g.ColumnTotals[c], g.GrandTotal)
            : counts.Format.Share(g.GrandTotal, g.GrandTotal);

        List<TrendCell> totals = [.. own.ColumnTotals.Select(_own.Format.Count), _own.Format.Count(own.GrandTotal), TotalShare(_own, own)];
        if (pooled is not null)
        {
            totals.Add(TotalShare(_pooled!, pooled));
        }

        rows.Add(new("Total", totals, IsTotal: true));
        return new(id, title, rowHeader, columns, rows, chart);
    }

    private TrendTable Days()
    {
        List<TrendColumn> columns = [new("Reviews"), new("Median days", Charted: true), new("90th percentile days", Charted: true)];
        if (_pooled is not null)
        {
            columns.Add(new("Pooled median days", Charted: true));
            columns.Add(new("Pooled 90th percentile days", Charted: true));
        }

        TrendRow Row(string label, Func<SuppressedCounts, IReadOnlyList<int>> days, Func<SuppressedCounts, int> count)
        {
            List<TrendCell> cells = [_own.Format.Count(count(_own)), _own.Format.Percentile(days(_own), 0.5, count(_own)), _own.Format.Percentile(days(_own), 0.9, count(_own))];
            if (_pooled is not null)
            {
                cells.Add(_pooled.Format.Percentile(days(_pooled), 0.5, count(_pooled)));
                cells.Add(_pooled.Format.Percentile(days(_pooled), 0.9, count(_pooled)));
            }

            return new(label, cells);
        }

        return new(
            "days",
            "Days from notification to the first debrief and to approval",
            "From the agency's notification",
            columns,
            [
                Row("To the first debrief session held", c => c.Data.DaysToFirstDebrief, c => c.WithDebrief),
                Row("To the supervisor's approval", c => c.Data.DaysToApproval, c => c.Reviews),
            ],
            new ChartSpec(ChartKind.HorizontalBar, ChartSeries.Columns, Stacked: false, "days"),
            "Half the reviews took the median number of days or fewer; nine in ten took the 90th percentile or fewer.");
    }

    private TrendTable OnTime()
    {
        var f = _own.Format;
        return new(
            "on-time",
            "Reviews completed on time",
            "Completion",
            [new("Reviews"), new("Share of reviews")],
            [
                new("Approved by the policy's deadline", [f.Count(_own.OnTime), f.Share(_own.OnTime, _own.Reviews)]),
                new("Approved after the deadline", [f.Count(_own.Late), f.Share(_own.Late, _own.Reviews)]),
                new("Total", [f.Count(_own.Reviews), f.Share(_own.Reviews, _own.Reviews)], IsTotal: true),
            ]);
    }
}
