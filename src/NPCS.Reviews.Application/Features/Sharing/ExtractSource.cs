using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Features.Trends;
using NPCS.Reviews.Domain.Catalog;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.Sharing;

/// <summary>
/// Reads the current jurisdiction's approved reviews as de-identified <see cref="ExtractRecord"/>s.
/// The only path from review data to an extract or a trend: it selects coded columns only (no text
/// column is ever read), so nothing identifying can slip into a record by accident. Reviews are read
/// in keyset batches, so memory stays flat whatever the number of reviews.
/// </summary>
public sealed class ExtractSource(ReviewsDbContext db)
{
    public const int DefaultBatchSize = 500;

    /// <summary>Reviews read per batch (one query per kind of part each); tests set it small to see several batches.</summary>
    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>The jurisdiction the extract speaks for: its code, and the clock and key that de-identify its reviews.</summary>
    public sealed record Owner(string Code, string TimeZoneId, byte[] PseudonymKey)
    {
        /// <summary>The agency's time zone, looked up once per extract rather than once per review.</summary>
        public TimeZoneInfo Zone { get; } = TimeZoneInfo.TryFindSystemTimeZoneById(TimeZoneId, out var zone) ? zone : TimeZoneInfo.Utc;

        /// <summary>The agency's calendar date at an instant.</summary>
        public DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

        /// <summary>The agency's calendar month at an instant.</summary>
        public YearMonth MonthOf(DateTimeOffset instant) => YearMonth.Of(DateOf(instant));

        /// <summary>
        /// A keyed hash (HMAC-SHA-256) of the review's id under this jurisdiction's secret key: the same
        /// review always gets the same pseudonym here; without the key it cannot be tied to a review,
        /// and two jurisdictions' pseudonyms have nothing in common.
        /// </summary>
        public string Pseudonym(int reviewId)
        {
            var mac = HMACSHA256.HashData(PseudonymKey, Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"review:{reviewId}")));
            return Convert.ToHexStringLower(mac.AsSpan(0, 16));
        }

        /// <summary>The instant the agency's month begins, for filtering time stamps stored in UTC.</summary>
        public DateTimeOffset StartOf(YearMonth month)
        {
            // In UTC: SQLite stores time stamps as numbers that compare correctly only at the same offset.
            var local = month.FirstDay.ToDateTime(TimeOnly.MinValue);
            return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
        }
    }

    public async Task<Owner> OwnerAsync(CancellationToken ct) =>
        await db.Jurisdictions.AsNoTracking().Select(j => new Owner(j.Code, j.TimeZoneId, j.PseudonymKey)).SingleOrDefaultAsync(ct)
        ?? throw new Common.ForbiddenAccessException("Your account does not belong to a jurisdiction.");

    /// <summary>The approved reviews whose approval month (in the agency's time zone) lies in the period.</summary>
    /// <param name="owner">The jurisdiction, from <see cref="OwnerAsync"/>.</param>
    /// <param name="period">The approval months.</param>
    /// <param name="ct">Cancels the read.</param>
    public async IAsyncEnumerable<ExtractRecord> ReadAsync(Owner owner, ExtractPeriod period, [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(period);
        var lastId = 0;
        while (true)
        {
            var reviews = await Approved(owner, period)
                .Where(r => r.Id > lastId)
                .OrderBy(r => r.Id)
                .Take(BatchSize)
                .Select(r => new ReviewRow(
                    r.Id, r.ApprovedAt!.Value, r.IncidentDate, r.NotifiedDate, r.IncidentType, r.CauseCategory, r.ChildAgeMonths,
                    r.OpenCaseAtIncident, r.MostRecentContact, r.PriorReportsCount, r.PriorSubstantiated, r.CompletionDue))
                .ToListAsync(ct);
            if (reviews.Count == 0)
            {
                yield break;
            }

            lastId = reviews[^1].Id;
            var parts = await PartsAsync([.. reviews.Select(r => r.Id)], ct);
            foreach (var review in reviews)
            {
                yield return Record(owner, period, review, parts);
            }
        }
    }

    /// <summary>
    /// Counts, in the database, what the trends dashboard shows of the approved reviews whose approval
    /// month lies in the aggregator's period (of one incident type, or all): the same reviews and the
    /// same numbers as <see cref="ReadAsync"/> records fed one by one to <see cref="TrendAggregator.Add"/>,
    /// without reading the records. Per review only its coded columns and first debrief held (the
    /// quarter and the days need the agency's calendar); each part is counted with GROUP BY. Each query
    /// joins the filtered <see cref="ReviewsDbContext.Reviews"/>, so the parts' own copy of that test
    /// (<see cref="ReviewsDbContext.ThroughReview"/>) is left out.
    /// </summary>
    /// <param name="owner">The jurisdiction, from <see cref="OwnerAsync"/>.</param>
    /// <param name="aggregator">Counts what is read; its period says which approvals.</param>
    /// <param name="incidentType">One incident type, or all.</param>
    /// <param name="itemCodes">The codes of the jurisdiction's catalog items by id (<see cref="TrendSources.LabelsAsync"/>); an item not among them is read from the database.</param>
    /// <param name="ct">Cancels the reads.</param>
    public async Task CountAsync(Owner owner, TrendAggregator aggregator, IncidentType? incidentType, IReadOnlyDictionary<int, ItemCodes> itemCodes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(aggregator);
        ArgumentNullException.ThrowIfNull(itemCodes);
        var (from, until) = ApprovalBounds(owner, aggregator.Period);
        await foreach (var r in CountedReviews(db, from, until, incidentType).WithCancellation(ct))
        {
            var timing = Timing.Of(owner, r.ApprovedAt, r.NotifiedDay, r.CompletionDueDay, r.FirstDebriefDay);
            aggregator.AddReview(timing.ApprovedMonth, r.IncidentType, r.CauseCategory, timing.CompletedOnTime, timing.DaysToApproval, timing.DaysToFirstDebrief);
        }

        await foreach (var n in CountedNeeds(db, from, until, incidentType).WithCancellation(ct))
        {
            aggregator.AddNeeds(n.Category, n.Status, n.Count);
        }

        // One row per finding (a few per review), read from the findings' index alone: the ratings, and
        // the reviews with a domain or an item among their findings, are counted from them here rather
        // than by three grouped queries, with each item's codes from the catalogs already read.
        var counted = await CountedFindings(db, from, until, incidentType).ToListAsync(ct);
        var codes = await WithMissingItemsAsync(itemCodes, counted.Select(f => f.ItemId), ct);
        var findings = counted.Where(f => codes.ContainsKey(f.ItemId)).Select(f => (f.ReviewId, f.Rating, Codes: codes[f.ItemId])).ToList();
        foreach (var rating in findings.GroupBy(f => f.Rating))
        {
            aggregator.AddFindings(rating.Key, rating.Count());
        }

        foreach (var domain in findings.GroupBy(f => f.Codes.Domain, StringComparer.Ordinal))
        {
            aggregator.AddReviewsWithDomain(domain.Key, domain.Select(f => f.ReviewId).Distinct().Count());
        }

        foreach (var item in findings.GroupBy(f => f.Codes))
        {
            aggregator.AddReviewsWithItem(item.Key.Domain, item.Key.Item, item.Select(f => f.ReviewId).Distinct().Count());
        }

        // An action counts under its finding, as in a record: every action is made for one of its
        // review's findings (FindingId is required), so these reviews' actions are read from the
        // action index alone, without a lookup of each action's finding.
        await foreach (var a in CountedActions(db, from, until, incidentType).WithCancellation(ct))
        {
            aggregator.AddActions(a.Strength, a.Status, a.Count);
        }
    }

    // The dashboard's four queries, compiled once (a LINQ query is rebuilt and looked up in EF Core's
    // cache at every call): the reviews approved in [start, end), of one incident type or all (a null
    // type is left out of the SQL). Each joins the filtered Reviews, so ThroughReview is left out.
    // The reviews' dates are read as day numbers, which the database computes: the dashboard needs
    // only differences of days, and Microsoft.Data.Sqlite reads a date column with .NET's general
    // date parser (three dates for each of a year's hundreds of reviews).
    private static readonly Func<ReviewsDbContext, DateTimeOffset, DateTimeOffset, IncidentType?, IAsyncEnumerable<CountedReview>> CountedReviews = EF.CompileAsyncQuery(
        (ReviewsDbContext db, DateTimeOffset start, DateTimeOffset end, IncidentType? type) =>
            db.Reviews.AsNoTracking()
                .Where(r => r.Stage == ReviewStage.Approved && r.ApprovedAt >= start && r.ApprovedAt < end && (type == null || r.IncidentType == type))
                .Select(r => new CountedReview(
                    r.ApprovedAt!.Value,
                    r.NotifiedDate.DayNumber,
                    r.CompletionDue.DayNumber,
                    r.IncidentType,
                    r.CauseCategory,
                    db.DebriefSessions.Where(s => s.ReviewId == r.Id && s.Status == SessionStatus.Held).Min(s => (int?)s.Date.DayNumber)))
                .IgnoreQueryFilters(ReviewsDbContext.ThroughReviewFilters));

    private static readonly Func<ReviewsDbContext, DateTimeOffset, DateTimeOffset, IncidentType?, IAsyncEnumerable<CountedNeed>> CountedNeeds = EF.CompileAsyncQuery(
        (ReviewsDbContext db, DateTimeOffset start, DateTimeOffset end, IncidentType? type) =>
            (from r in db.Reviews.AsNoTracking()
             where r.Stage == ReviewStage.Approved && r.ApprovedAt >= start && r.ApprovedAt < end && (type == null || r.IncidentType == type)
             join n in db.Needs on r.Id equals n.ReviewId
             group n by new { n.Category, n.Status } into g
             select new CountedNeed(g.Key.Category, g.Key.Status, g.Count())).IgnoreQueryFilters(ReviewsDbContext.ThroughReviewFilters));

    private static readonly Func<ReviewsDbContext, DateTimeOffset, DateTimeOffset, IncidentType?, IAsyncEnumerable<CountedFinding>> CountedFindings = EF.CompileAsyncQuery(
        (ReviewsDbContext db, DateTimeOffset start, DateTimeOffset end, IncidentType? type) =>
            (from r in db.Reviews.AsNoTracking()
             where r.Stage == ReviewStage.Approved && r.ApprovedAt >= start && r.ApprovedAt < end && (type == null || r.IncidentType == type)
             join f in db.Findings on r.Id equals f.ReviewId
             select new CountedFinding(f.ReviewId, f.Rating, f.FactorItemId)).IgnoreQueryFilters(ReviewsDbContext.ThroughReviewFilters));

    private static readonly Func<ReviewsDbContext, DateTimeOffset, DateTimeOffset, IncidentType?, IAsyncEnumerable<CountedAction>> CountedActions = EF.CompileAsyncQuery(
        (ReviewsDbContext db, DateTimeOffset start, DateTimeOffset end, IncidentType? type) =>
            (from r in db.Reviews.AsNoTracking()
             where r.Stage == ReviewStage.Approved && r.ApprovedAt >= start && r.ApprovedAt < end && (type == null || r.IncidentType == type)
             join a in db.ReviewActions on r.Id equals a.ReviewId
             group a by new { a.Strength, a.Status } into g
             select new CountedAction(g.Key.Strength, g.Key.Status, g.Count())).IgnoreQueryFilters(ReviewsDbContext.ThroughReviewFilters));

    private sealed record CountedReview(DateTimeOffset ApprovedAt, int NotifiedDay, int CompletionDueDay, IncidentType IncidentType, CauseCategory CauseCategory, int? FirstDebriefDay);

    private sealed record CountedNeed(NeedCategory Category, NeedStatus Status, int Count);

    private sealed record CountedFinding(int ReviewId, int Rating, int ItemId);

    private sealed record CountedAction(ActionStrength Strength, ActionStatus Status, int Count);

    /// <summary>
    /// The codes of every item among <paramref name="ids"/>: those <paramref name="known"/> holds,
    /// and any other read from the database (an item of no catalog of the jurisdiction's). An id with
    /// no item is left out, as a join to the items would leave its finding out.
    /// </summary>
    private async Task<IReadOnlyDictionary<int, ItemCodes>> WithMissingItemsAsync(IReadOnlyDictionary<int, ItemCodes> known, IEnumerable<int> ids, CancellationToken ct)
    {
        var missing = ids.Where(id => !known.ContainsKey(id)).Distinct().ToList();
        if (missing.Count == 0)
        {
            return known;
        }

        var read = await (
            from i in db.Set<FactorItem>().AsNoTracking()
            where EF.Parameter(missing).Contains(i.Id)
            join d in db.Set<FactorDomain>() on i.DomainId equals d.Id
            select new { i.Id, Domain = d.Code, Item = i.Code }).ToListAsync(ct);
        var all = new Dictionary<int, ItemCodes>(known);
        foreach (var item in read)
        {
            all[item.Id] = new ItemCodes(item.Domain, item.Item);
        }

        return all;
    }

    /// <summary>The jurisdiction's reviews approved in the period's months, by the agency's calendar (the bounds in UTC).</summary>
    private IQueryable<Review> Approved(Owner owner, ExtractPeriod period)
    {
        var (from, until) = ApprovalBounds(owner, period);
        return db.Reviews.AsNoTracking().Where(r => r.Stage == ReviewStage.Approved && r.ApprovedAt >= from && r.ApprovedAt < until);
    }

    /// <summary>The period's approval times, [from, until): the agency's midnight starting its first month to the one after its last.</summary>
    private static (DateTimeOffset From, DateTimeOffset Until) ApprovalBounds(Owner owner, ExtractPeriod period) =>
        (owner.StartOf(period.From), owner.StartOf(period.To.AddMonths(1)));

    private static ExtractRecord Record(Owner owner, ExtractPeriod period, ReviewRow r, Parts parts)
    {
        var timing = Timing.Of(owner, r.ApprovedAt, r.NotifiedDate.DayNumber, r.CompletionDue.DayNumber, parts.FirstDebrief.TryGetValue(r.Id, out var held) ? held.DayNumber : null);
        var findings = parts.Findings[r.Id]
            .Select(f => new ExtractFinding(f.DomainCode, f.ItemCode, f.CatalogVersion, f.Rating, [.. parts.Actions[f.Id].Select(a => new ExtractAction(a.Strength, a.Status, a.Effectiveness))]))
            .ToList();
        return new ExtractRecord
        {
            Jurisdiction = owner.Code,
            Period = period,
            Review = owner.Pseudonym(r.Id),
            ApprovedMonth = timing.ApprovedMonth,
            IncidentMonth = YearMonth.Of(r.IncidentDate),
            IncidentType = r.IncidentType,
            CauseCategory = r.CauseCategory,
            ChildAgeBand = Bands.Age(r.ChildAgeMonths),
            PriorInvolvement = new ExtractPriorInvolvement(
                r.OpenCase,
                r.MostRecentContact is { } contact && contact >= r.IncidentDate.AddYears(-3) && contact <= r.IncidentDate,
                Bands.PriorReports(r.PriorReports),
                r.PriorSubstantiated),
            Needs = [.. parts.Needs[r.Id].Select(n => new ExtractNeed(n.Category, n.Status, Flags(n.Barriers)))],
            ProtectiveFactors = [.. parts.Factors[r.Id].Select(f => new ExtractProtectiveFactor(f.Factor, f.Rating))],
            Findings = findings,
            DaysToFirstDebrief = timing.DaysToFirstDebrief,
            DaysToApproval = timing.DaysToApproval,
            CompletedOnTime = timing.CompletedOnTime,
        };
    }

    /// <summary>A review's month and days by the agency's calendar, the same in a record and in a count.</summary>
    private readonly record struct Timing(YearMonth ApprovedMonth, int DaysToApproval, bool CompletedOnTime, int? DaysToFirstDebrief)
    {
        /// <param name="owner">The jurisdiction, whose calendar dates the approval.</param>
        /// <param name="approvedAt">When the review was approved.</param>
        /// <param name="notified">The notification date's <see cref="DateOnly.DayNumber"/>.</param>
        /// <param name="completionDue">The completion deadline's day number.</param>
        /// <param name="firstDebriefHeld">The day number of the first debrief held, if one was.</param>
        public static Timing Of(Owner owner, DateTimeOffset approvedAt, int notified, int completionDue, int? firstDebriefHeld)
        {
            var approvedOn = owner.DateOf(approvedAt);
            return new(
                YearMonth.Of(approvedOn),
                Math.Max(0, approvedOn.DayNumber - notified),
                approvedOn.DayNumber <= completionDue,
                firstDebriefHeld is { } held ? Math.Max(0, held - notified) : null);
        }
    }

    private static List<NeedBarrier> Flags(NeedBarrier barriers) =>
        [.. Enum.GetValues<NeedBarrier>().Where(b => b != NeedBarrier.None && barriers.HasFlag(b))];

    /// <summary>
    /// The coded parts of a batch of reviews: one query per kind of part, whatever the batch holds. The
    /// ids come from the filtered Reviews query of this batch, so they are the jurisdiction's already:
    /// each part's own copy of that test (<see cref="ReviewsDbContext.ThroughReview"/>) is left out, and
    /// the ids go as one array parameter (one SQL text for every batch size).
    /// </summary>
    private async Task<Parts> PartsAsync(List<int> ids, CancellationToken ct)
    {
        var needs = await db.Needs.AsNoTracking().IgnoreQueryFilters([ReviewsDbContext.ThroughReview]).Where(n => EF.Parameter(ids).Contains(n.ReviewId)).OrderBy(n => n.Id)
            .Select(n => new NeedRow(n.ReviewId, n.Category, n.Status, n.Barriers)).ToListAsync(ct);
        var factors = await (
            from a in db.FamilyNeedsAnalyses.AsNoTracking().IgnoreQueryFilters([ReviewsDbContext.ThroughReview])
            where EF.Parameter(ids).Contains(a.ReviewId)
            join f in db.Set<ProtectiveFactorAssessment>() on a.Id equals f.AnalysisId
            select new FactorRow(a.ReviewId, f.Factor, f.Rating)).ToListAsync(ct);
        var firstDebrief = await db.DebriefSessions.AsNoTracking().IgnoreQueryFilters([ReviewsDbContext.ThroughReview]).Where(s => EF.Parameter(ids).Contains(s.ReviewId) && s.Status == SessionStatus.Held)
            .GroupBy(s => s.ReviewId).Select(g => new { ReviewId = g.Key, Date = g.Min(s => s.Date) }).ToDictionaryAsync(x => x.ReviewId, x => x.Date, ct);
        var findings = await (
            from f in db.Findings.AsNoTracking().IgnoreQueryFilters([ReviewsDbContext.ThroughReview])
            where EF.Parameter(ids).Contains(f.ReviewId)
            join i in db.Set<FactorItem>() on f.FactorItemId equals i.Id
            join d in db.Set<FactorDomain>() on i.DomainId equals d.Id
            orderby f.Rating descending, f.Id
            select new FindingRow(f.Id, f.ReviewId, d.Code, i.Code, f.CatalogVersion, f.Rating)).ToListAsync(ct);
        var actions = await db.ReviewActions.AsNoTracking().IgnoreQueryFilters([ReviewsDbContext.ThroughReview]).Where(a => EF.Parameter(ids).Contains(a.ReviewId)).OrderBy(a => a.Id)
            .Select(a => new ActionRow(a.FindingId, a.Strength, a.Status, a.Effectiveness)).ToListAsync(ct);
        return new Parts(
            needs.ToLookup(n => n.ReviewId),
            factors.OrderBy(f => f.Factor).ToLookup(f => f.ReviewId),
            firstDebrief,
            findings.ToLookup(f => f.ReviewId),
            actions.ToLookup(a => a.FindingId));
    }

    private sealed record ReviewRow(
        int Id, DateTimeOffset ApprovedAt, DateOnly IncidentDate, DateOnly NotifiedDate, IncidentType IncidentType, CauseCategory CauseCategory,
        int ChildAgeMonths, YesNoUnknown OpenCase, DateOnly? MostRecentContact, int PriorReports, YesNoUnknown PriorSubstantiated, DateOnly CompletionDue);

    private sealed record NeedRow(int ReviewId, NeedCategory Category, NeedStatus Status, NeedBarrier Barriers);

    private sealed record FactorRow(int ReviewId, ProtectiveFactor Factor, FactorRating Rating);

    private sealed record FindingRow(int Id, int ReviewId, string DomainCode, string ItemCode, int CatalogVersion, int Rating);

    private sealed record ActionRow(int FindingId, ActionStrength Strength, ActionStatus Status, Effectiveness? Effectiveness);

    private sealed record Parts(
        ILookup<int, NeedRow> Needs,
        ILookup<int, FactorRow> Factors,
        Dictionary<int, DateOnly> FirstDebrief,
        ILookup<int, FindingRow> Findings,
        ILookup<int, ActionRow> Actions);
}
