using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Data;
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
    /// <param name="forTrends">
    /// True for the trends dashboard, which counts what the records hold but never shows a review's
    /// pseudonym or its protective-factor ratings: those are left empty and not read (they were most
    /// of the rows a dashboard read). An extract (false) always has both.
    /// </param>
    /// <param name="ct">Cancels the read.</param>
    public async IAsyncEnumerable<ExtractRecord> ReadAsync(Owner owner, ExtractPeriod period, bool forTrends = false, [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(period);
        var from = owner.StartOf(period.From);
        var until = owner.StartOf(period.To.AddMonths(1));
        var lastId = 0;
        while (true)
        {
            var reviews = await db.Reviews.AsNoTracking()
                .Where(r => r.Stage == ReviewStage.Approved && r.ApprovedAt >= from && r.ApprovedAt < until && r.Id > lastId)
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
            var parts = await PartsAsync([.. reviews.Select(r => r.Id)], withFactors: !forTrends, ct);
            foreach (var review in reviews)
            {
                yield return Record(owner, period, review, parts, pseudonym: !forTrends);
            }
        }
    }

    private static ExtractRecord Record(Owner owner, ExtractPeriod period, ReviewRow r, Parts parts, bool pseudonym)
    {
        var approvedOn = owner.DateOf(r.ApprovedAt);
        var findings = parts.Findings[r.Id]
            .Select(f => new ExtractFinding(f.DomainCode, f.ItemCode, f.CatalogVersion, f.Rating, [.. parts.Actions[f.Id].Select(a => new ExtractAction(a.Strength, a.Status, a.Effectiveness))]))
            .ToList();
        return new ExtractRecord
        {
            Jurisdiction = owner.Code,
            Period = period,
            Review = pseudonym ? owner.Pseudonym(r.Id) : string.Empty,
            ApprovedMonth = YearMonth.Of(approvedOn),
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
            DaysToFirstDebrief = parts.FirstDebrief.TryGetValue(r.Id, out var held) ? Math.Max(0, held.DayNumber - r.NotifiedDate.DayNumber) : null,
            DaysToApproval = Math.Max(0, approvedOn.DayNumber - r.NotifiedDate.DayNumber),
            CompletedOnTime = approvedOn <= r.CompletionDue,
        };
    }

    private static List<NeedBarrier> Flags(NeedBarrier barriers) =>
        [.. Enum.GetValues<NeedBarrier>().Where(b => b != NeedBarrier.None && barriers.HasFlag(b))];

    /// <summary>
    /// The coded parts of a batch of reviews: one query per kind of part, whatever the batch holds. The
    /// ids come from the filtered Reviews query of this batch, so they are the jurisdiction's already:
    /// each part's own copy of that test (<see cref="ReviewsDbContext.ThroughReview"/>) is left out, and
    /// the ids go as one array parameter (one SQL text for every batch size).
    /// </summary>
    private async Task<Parts> PartsAsync(List<int> ids, bool withFactors, CancellationToken ct)
    {
        var needs = await db.Needs.AsNoTracking().IgnoreQueryFilters([ReviewsDbContext.ThroughReview]).Where(n => EF.Parameter(ids).Contains(n.ReviewId)).OrderBy(n => n.Id)
            .Select(n => new NeedRow(n.ReviewId, n.Category, n.Status, n.Barriers)).ToListAsync(ct);
        var factors = !withFactors ? [] : await (
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
