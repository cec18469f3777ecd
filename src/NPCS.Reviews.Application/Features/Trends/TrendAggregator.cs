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
/// The counters every trend table is built from, so memory holds counters and the day values for the
/// percentiles, never the records. Fed one de-identified <see cref="ExtractRecord"/> at a time from
/// the hub (a record approved outside the period is ignored), or with the counts the database makes of
/// the jurisdiction's live reviews (<see cref="ExtractSource.CountAsync"/>): one review at a time, and
/// each part's count at once.
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

        AddReview(record.ApprovedMonth, record.IncidentType, record.CauseCategory, record.CompletedOnTime, record.DaysToApproval, record.DaysToFirstDebrief);
        foreach (var domain in record.Findings.Select(f => f.Domain).Distinct(StringComparer.Ordinal))
        {
            AddReviewsWithDomain(domain, 1);
        }

        foreach (var (domain, item) in record.Findings.Select(f => (f.Domain, f.Item)).Distinct())
        {
            AddReviewsWithItem(domain, item, 1);
        }

        foreach (var finding in record.Findings)
        {
            AddFindings(finding.Rating, 1);
            foreach (var action in finding.Actions)
            {
                AddActions(action.Strength, action.Status, 1);
            }
        }

        foreach (var need in record.Needs)
        {
            AddNeeds(need.Category, need.Status, 1);
        }
    }

    /// <summary>One review approved in the period (its parts are counted by the other Add methods).</summary>
    public void AddReview(YearMonth approvedMonth, IncidentType incidentType, CauseCategory cause, bool completedOnTime, int daysToApproval, int? daysToFirstDebrief)
    {
        if (!Period.Contains(approvedMonth))
        {
            throw new ArgumentOutOfRangeException(nameof(approvedMonth), approvedMonth, "Approved outside the period.");
        }

        var quarter = IndexOf(Quarters, Quarter.Of(approvedMonth));
        Reviews++;
        CompletedOnTime += completedOnTime ? 1 : 0;
        ByIncidentType[IndexOf(IncidentTypes, incidentType), quarter]++;
        ByCause[IndexOf(Causes, cause), quarter]++;
        if (daysToFirstDebrief is { } debrief)
        {
            _daysToDebrief.Add(debrief);
        }

        _daysToApproval.Add(daysToApproval);
    }

    /// <summary>Reviews with at least one finding in the domain.</summary>
    public void AddReviewsWithDomain(string domain, int reviews) => _domains[domain] = _domains.GetValueOrDefault(domain) + reviews;

    /// <summary>Reviews with at least one finding coded with the item.</summary>
    public void AddReviewsWithItem(string domain, string item, int reviews) => _items[(domain, item)] = _items.GetValueOrDefault((domain, item)) + reviews;

    /// <summary>Findings of a rating; a rating off the scale is not counted.</summary>
    public void AddFindings(int rating, int findings)
    {
        if (rating is >= FindingRating.Min and <= FindingRating.Max)
        {
            Ratings[rating] += findings;
        }
    }

    public void AddActions(ActionStrength strength, ActionStatus status, int actions) =>
        Actions[IndexOf(Strengths, strength), IndexOf(ActionStatuses, status)] += actions;

    public void AddNeeds(NeedCategory category, NeedStatus status, int needs) =>
        Needs[IndexOf(NeedCategories, category), IndexOf(NeedStatuses, status)] += needs;

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
