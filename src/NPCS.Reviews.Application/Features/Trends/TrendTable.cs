using System.Globalization;

namespace NPCS.Reviews.Application.Features.Trends;

/// <summary>
/// One cell as every output shows it: <see cref="Text"/> is what the page, the CSV and the chart's
/// tooltip say ("12", "45%", "fewer than 5", "suppressed"); <see cref="Value"/> is the number a chart
/// plots, present only when the cell is shown, so no output can reveal what another hides.
/// </summary>
public sealed record TrendCell(string Text, double? Value, CellStatus Status)
{
    public static TrendCell NotApplicable { get; } = new("none", null, CellStatus.NotApplicable);

    public static TrendCell Suppressed { get; } = new("suppressed", null, CellStatus.Suppressed);

    public static TrendCell FewerThan(int threshold) =>
        new(string.Create(CultureInfo.InvariantCulture, $"fewer than {threshold}"), null, CellStatus.FewerThanThreshold);

    public static TrendCell Number(double value, string? unit = null)
    {
        var text = Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);
        return new(unit is null ? text : text + unit, Math.Round(value, 1), CellStatus.Shown);
    }
}

/// <summary>A column heading; <see cref="Charted"/> columns are the ones the chart plots.</summary>
public sealed record TrendColumn(string Label, bool Charted = false);

public sealed record TrendRow(string Label, IReadOnlyList<TrendCell> Cells, bool IsTotal = false);

public enum ChartKind
{
    /// <summary>Vertical bars (reviews per quarter).</summary>
    Bar = 1,

    /// <summary>Horizontal bars: long labels (items, need categories) read better down the side.</summary>
    HorizontalBar = 2,
}

/// <summary>
/// How the chart reads its table: <see cref="Rows"/> makes each body row a series over the charted
/// columns (incident types over quarters); <see cref="Columns"/> makes each charted column a
/// series over the rows (the share of reviews per item).
/// </summary>
public enum ChartSeries
{
    Rows = 1,
    Columns = 2,
}

/// <param name="Kind">Vertical or horizontal bars.</param>
/// <param name="Series">Which way the table is read into series.</param>
/// <param name="Stacked">Stacked bars, for counts that add up (types within a quarter).</param>
/// <param name="Unit">What the values are, for the axis title ("reviews", "%", "days").</param>
public sealed record ChartSpec(ChartKind Kind, ChartSeries Series, bool Stacked, string Unit);

/// <summary>
/// A table of a trend page, already suppressed: the page renders it, the chart is drawn from the
/// rendered table, and the CSV writes the same cells, so the three always agree.
/// </summary>
public sealed record TrendTable(
    string Id,
    string Title,
    string RowHeader,
    IReadOnlyList<TrendColumn> Columns,
    IReadOnlyList<TrendRow> Rows,
    ChartSpec? Chart = null,
    string? Note = null)
{
    /// <summary>The table as CSV lines: the header, then each row, cells exactly as the page shows them.</summary>
    public IEnumerable<IReadOnlyList<string>> CsvLines()
    {
        yield return [RowHeader, .. Columns.Select(c => c.Label)];
        foreach (var row in Rows)
        {
            yield return [row.Label, .. row.Cells.Select(c => c.Text)];
        }
    }
}

/// <summary>Turns the cells of a suppressed <see cref="SuppressionProblem"/> into table cells: counts, shares and percentiles.</summary>
public sealed class CellFormatter(SuppressionProblem problem, int threshold)
{
    public int Threshold => threshold;

    public SuppressionProblem Problem => problem;

    public TrendCell Count(int cell) => problem.Status(cell) switch
    {
        CellStatus.FewerThanThreshold => TrendCell.FewerThan(threshold),
        CellStatus.Suppressed => TrendCell.Suppressed,
        _ => TrendCell.Number(problem.Value(cell)),
    };

    /// <summary>A percentage of two registered counts: suppressed when either is hidden, "none" of nothing.</summary>
    public TrendCell Share(int part, int whole)
    {
        if (problem.IsHidden(part) || problem.IsHidden(whole))
        {
            return TrendCell.Suppressed;
        }

        return problem.Value(whole) == 0 ? TrendCell.NotApplicable : TrendCell.Number(100.0 * problem.Value(part) / problem.Value(whole), "%");
    }

    /// <summary>
    /// A percentile (0.5 the median) of day counts: suppressed when the number of values (the
    /// registered count <paramref name="values"/>) is hidden or below the threshold.
    /// </summary>
    public TrendCell Percentile(IReadOnlyList<int> sorted, double p, int values)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            return TrendCell.NotApplicable;
        }

        return problem.IsHidden(values) || sorted.Count < threshold ? TrendCell.Suppressed : TrendCell.Number(Trends.Percentile.Of(sorted, p));
    }
}

public static class Percentile
{
    /// <summary>Linear interpolation between closest ranks (Excel's PERCENTILE.INC): the median of 1, 2, 3, 10 is 2.5.</summary>
    public static double Of(IReadOnlyList<int> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            throw new ArgumentException("No values.", nameof(sorted));
        }

        var rank = p * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, sorted.Count - 1);
        return sorted[low] + ((rank - low) * (sorted[high] - sorted[low]));
    }
}

/// <summary>
/// A grid of counts registered in a problem with its row totals, column totals and grand total,
/// and the sums between them. Totals may be cells another grid already registered (two tables
/// over the same reviews per quarter share their column totals and grand total).
/// </summary>
public sealed class CountGrid
{
    private readonly int[,] _cells;

    public CountGrid(SuppressionProblem problem, int[,] counts, IReadOnlyList<int>? columnTotals = null, int? grandTotal = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(counts);
        var rows = counts.GetLength(0);
        var columns = counts.GetLength(1);
        _cells = new int[rows, columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                _cells[r, c] = problem.Add(counts[r, c]);
            }
        }

        RowTotals = [.. Enumerable.Range(0, rows).Select(r => problem.Add(Enumerable.Range(0, columns).Sum(c => counts[r, c])))];
        ColumnTotals = columnTotals is null
            ? [.. Enumerable.Range(0, columns).Select(c => problem.Add(Enumerable.Range(0, rows).Sum(r => counts[r, c])))]
            : [.. columnTotals];
        GrandTotal = grandTotal ?? problem.Add(RowTotals.Sum(problem.Value));
        for (var r = 0; r < rows; r++)
        {
            problem.AddLine([.. Enumerable.Range(0, columns).Select(c => _cells[r, c])], RowTotals[r]);
        }

        for (var c = 0; c < columns; c++)
        {
            problem.AddLine([.. Enumerable.Range(0, rows).Select(r => _cells[r, c])], ColumnTotals[c]);
        }

        problem.AddLine(RowTotals, GrandTotal);
        problem.AddLine(ColumnTotals, GrandTotal);
    }

    public int RowCount => _cells.GetLength(0);

    public int ColumnCount => _cells.GetLength(1);

    public int Cell(int row, int column) => _cells[row, column];

    public IReadOnlyList<int> RowTotals { get; }

    public IReadOnlyList<int> ColumnTotals { get; }

    public int GrandTotal { get; }

    /// <summary>
    /// A single column of counts (findings by rating) with its total: a one-column grid, whose row
    /// totals are the counts themselves, so the cells are registered once.
    /// </summary>
    public static (IReadOnlyList<int> Cells, int Total) Column(SuppressionProblem problem, IReadOnlyList<int> counts, int? total = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(counts);
        var cells = counts.Select(problem.Add).ToList();
        var sum = total ?? problem.Add(counts.Sum());
        problem.AddLine(cells, sum);
        return (cells, sum);
    }
}
