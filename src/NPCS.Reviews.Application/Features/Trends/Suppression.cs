namespace NPCS.Reviews.Application.Features.Trends;

/// <summary>How a cell of a trend table is shown.</summary>
public enum CellStatus
{
    /// <summary>The value is shown.</summary>
    Shown = 1,

    /// <summary>A count from 1 to the threshold minus one: shown as "fewer than 5".</summary>
    FewerThanThreshold = 2,

    /// <summary>Hidden so that another hidden count cannot be worked out (or derived from a hidden count): "suppressed".</summary>
    Suppressed = 3,

    /// <summary>Nothing to show (a share of nothing, a median of no values).</summary>
    NotApplicable = 4,
}

/// <summary>The smallest count the dashboards show: configurable, never below 5 (ADR 0015).</summary>
public sealed class TrendOptions
{
    public const string Section = "Trends";
    public const int MinimumThreshold = 5;

    /// <summary>Counts from 1 to this minus one are shown as "fewer than N".</summary>
    public int SmallCellThreshold { get; set; } = MinimumThreshold;

    public const string TooLowMessage =
        "Trends:SmallCellThreshold may not be below 5: counts of 1 to 4 children would show on the trend pages (see docs/adr/0015-small-cell-suppression.md).";
}

/// <summary>
/// Small-cell suppression over a set of counts and the sums that tie them together (ADR 0015).
/// A count from 1 to threshold-1 is hidden ("fewer than 5"); then, wherever a sum is published
/// (a row or column total, or a number shown elsewhere such as the total number of reviews), a
/// line with exactly one hidden value would give it away by subtraction, so the next smallest
/// non-zero count of that line is hidden too (or its total when there is none), until no line has
/// exactly one hidden value. Zeros are never hidden and never used as complements: a zero reveals
/// nothing about a child, and hiding it would protect nothing.
/// </summary>
/// <remarks>
/// Cells may be shared by several tables (two tables with the same column totals, a total shown
/// on one table and used as the denominator of another), so every table built from one problem is
/// protected against the numbers the others show. A cell may also be hidden from every table and
/// still be registered (reviews without a debrief, the difference of two shown counts), so that a
/// small difference is protected like a shown count.
/// </remarks>
public sealed class SuppressionProblem
{
    private readonly List<int> _values = [];
    private readonly List<CellStatus> _status = [];
    private readonly List<(int[] Members, int Total)> _lines = [];
    private bool _applied;

    public int Count => _values.Count;

    /// <summary>Registers a count and returns its cell.</summary>
    public int Add(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        EnsureOpen();
        _values.Add(value);
        _status.Add(CellStatus.Shown);
        return _values.Count - 1;
    }

    /// <summary>Registers a sum that readers know: the members add up to the total.</summary>
    public void AddLine(IReadOnlyList<int> members, int total)
    {
        ArgumentNullException.ThrowIfNull(members);
        EnsureOpen();
        if (members.Sum(m => _values[m]) != _values[total])
        {
            throw new InvalidOperationException("The members of a line must add up to its total.");
        }

        _lines.Add(([.. members], total));
    }

    public int Value(int cell) => _values[cell];

    public CellStatus Status(int cell)
    {
        if (!_applied)
        {
            throw new InvalidOperationException("Apply the suppression before reading a cell's status.");
        }

        return _status[cell];
    }

    public bool IsHidden(int cell) => Status(cell) is CellStatus.FewerThanThreshold or CellStatus.Suppressed;

    /// <summary>Primary suppression, then complementary suppression until every line is safe.</summary>
    public void Apply(int threshold)
    {
        if (threshold < TrendOptions.MinimumThreshold)
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, $"The threshold may not be below {TrendOptions.MinimumThreshold}.");
        }

        EnsureOpen();
        for (var cell = 0; cell < _values.Count; cell++)
        {
            if (_values[cell] > 0 && _values[cell] < threshold)
            {
                _status[cell] = CellStatus.FewerThanThreshold;
            }
        }

        bool changed;
        do
        {
            changed = false;
            foreach (var (members, total) in _lines)
            {
                var hidden = members.Count(Hidden) + (Hidden(total) ? 1 : 0);
                if (hidden != 1)
                {
                    continue;
                }

                // The next smallest non-zero shown member (the first in order on a tie), else the total:
                // the hidden value is non-zero, so the total is too.
                var complement = members
                    .Where(m => !Hidden(m) && _values[m] > 0)
                    .OrderBy(m => _values[m]).ThenBy(m => m)
                    .DefaultIfEmpty(total)
                    .First();
                _status[complement] = CellStatus.Suppressed;
                changed = true;
            }
        }
        while (changed);

        _applied = true;
    }

    private bool Hidden(int cell) => _status[cell] != CellStatus.Shown;

    private void EnsureOpen()
    {
        if (_applied)
        {
            throw new InvalidOperationException("The suppression has been applied; the problem cannot change.");
        }
    }
}
