using System.Globalization;
using NPCS.Reviews.Application.Features.Sharing;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.Trends;

/// <summary>A calendar quarter of approval (2026 Q1 = January to March 2026).</summary>
public readonly record struct Quarter(int Year, int Number) : IComparable<Quarter>
{
    public static Quarter Of(YearMonth month) => new(month.Year, month.Quarter);

    public int CompareTo(Quarter other) => (Year, Number).CompareTo((other.Year, other.Number));

    public static bool operator <(Quarter left, Quarter right) => left.CompareTo(right) < 0;

    public static bool operator >(Quarter left, Quarter right) => left.CompareTo(right) > 0;

    public static bool operator <=(Quarter left, Quarter right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Quarter left, Quarter right) => left.CompareTo(right) >= 0;

    public Quarter Next() => Number == 4 ? new(Year + 1, 1) : new(Year, Number + 1);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year} Q{Number}");
}

/// <summary>
/// The counters every trend table is built from, fed one de-identified <see cref="ExtractRecord"/>
/// at a time (from the hub or from the jurisdiction's live reviews), so memory holds counters and the
/// day values for the percentiles, never the records. A record approved outside the period is ignored.
/// </summary>
public sealed class TrendAggregator
{
    public static IReadOnlyList<IncidentType> IncidentTypes { get; } = Enum.GetValues<IncidentType>();

    public static IReadOnlyList<CauseCategory> Causes { get; } = Enum.GetValues<CauseCategory>();

    public static IReadOnlyList<ActionStrength> Strengths { get; } = Enum.GetValues<ActionStrength>();

    public static IReadOnlyList<ActionStatus> ActionStatuses { get; } = Enum.GetValues<ActionStatus>();

    public static IReadOnlyList<NeedCategory> NeedCategories { get; } = Enum.GetValues<NeedCategory>();

    /// <summary>Unmet first: the dashboard asks which needs go unmet most often.</summary>
    public static IReadOnlyList<NeedStatus> NeedStatuses { get; } = [NeedStatus.IdentifiedUnmet, NeedStatus.NotIdentified, NeedStatus.IdentifiedMet];

    private readonly Dictionary<string, int> _domains = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Domain, string Item), int> _items = [];
    private readonly List<int> _daysToDebrief = [];
    private readonly List<int> _daysToApproval = [];

    public TrendAggregator(ExtractPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        Period = period;
        var quarters = new List<Quarter>();
        for (var q = Quarter.Of(period.From); q <= Quarter.Of(period.To); q = q.Next())
        {
            quarters.Add(q);
        }

        Quarters = quarters;
        ByIncidentType = new int[IncidentTypes.Count, quarters.Count];
        ByCause = new int[Causes.Count, quarters.Count];
        Actions = new int[Strengths.Count, ActionStatuses.Count];
        Needs = new int[NeedCategories.Count, NeedStatuses.Count];
    }

    public ExtractPeriod Period { get; }

    public IReadOnlyList<Quarter> Quarters { get; }

    public int Reviews { get; private set; }

    public int CompletedOnTime { get; private set; }

    /// <summary>Reviews by incident type (rows, in <see cref="IncidentTypes"/> order) and quarter of approval.</summary>
    public int[,] ByIncidentType { get; }

    public int[,] ByCause { get; }

    /// <summary>Findings by rating, 0 to 3.</summary>
    public int[] Ratings { get; } = new int[FindingRating.Max + 1];

    /// <summary>Actions by strength (rows) and status.</summary>
    public int[,] Actions { get; }

    /// <summary>Needs by category (rows) and status (<see cref="NeedStatuses"/> order).</summary>
    public int[,] Needs { get; }

    /// <summary>Reviews with at least one finding in the domain, by domain code.</summary>
    public IReadOnlyDictionary<string, int> Domains => _domains;

    /// <summary>Reviews with at least one finding coded with the item, by domain and item code.</summary>
    public IReadOnlyDictionary<(string Domain, string Item), int> Items => _items;

    public IReadOnlyList<int> DaysToFirstDebrief => _daysToDebrief;

    public IReadOnlyList<int> DaysToApproval => _daysToApproval;

    public void Add(ExtractRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!Period.Contains(record.ApprovedMonth))
        {
            return;
        }

        var quarter = IndexOf(Quarters, Quarter.Of(record.ApprovedMonth));
        Reviews++;
        CompletedOnTime += record.CompletedOnTime ? 1 : 0;
        ByIncidentType[IndexOf(IncidentTypes, record.IncidentType), quarter]++;
        ByCause[IndexOf(Causes, record.CauseCategory), quarter]++;
        foreach (var domain in record.Findings.Select(f => f.Domain).Distinct(StringComparer.Ordinal))
        {
            _domains[domain] = _domains.GetValueOrDefault(domain) + 1;
        }

        foreach (var item in record.Findings.Select(f => (f.Domain, f.Item)).Distinct())
        {
            _items[item] = _items.GetValueOrDefault(item) + 1;
        }

        foreach (var finding in record.Findings)
        {
            if (finding.Rating is >= FindingRating.Min and <= FindingRating.Max)
            {
                Ratings[finding.Rating]++;
            }

            foreach (var action in finding.Actions)
            {
                Actions[IndexOf(Strengths, action.Strength), IndexOf(ActionStatuses, action.Status)]++;
            }
        }

        foreach (var need in record.Needs)
        {
            Needs[IndexOf(NeedCategories, need.Category), IndexOf(NeedStatuses, need.Status)]++;
        }

        if (record.DaysToFirstDebrief is { } debrief)
        {
            _daysToDebrief.Add(debrief);
        }

        _daysToApproval.Add(record.DaysToApproval);
    }

    /// <summary>Sorts the day values once every record is in: the percentiles read them sorted.</summary>
    public void Complete()
    {
        _daysToDebrief.Sort();
        _daysToApproval.Sort();
    }

    private static int IndexOf<T>(IReadOnlyList<T> values, T value)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (EqualityComparer<T>.Default.Equals(values[i], value))
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(value), value, "Not a known value.");
    }
}
