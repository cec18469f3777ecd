using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Features.Sharing;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.TestSupport;

/// <summary>
/// Hand-built de-identified records and hub data: what an Analyst's import would leave in the hub,
/// stored directly (the import itself is tested with the hub). One extract per call.
/// </summary>
public static class HubScene
{
    /// <summary>A record of a review approved in <paramref name="approved"/>, with one finding (ORG-1, rated 2, one intermediate action) unless others are given.</summary>
    public static ExtractRecord Record(
        string jurisdiction,
        YearMonth approved,
        IncidentType type = IncidentType.NearFatality,
        CauseCategory cause = CauseCategory.UnsafeSleep,
        IReadOnlyList<ExtractFinding>? findings = null,
        IReadOnlyList<ExtractNeed>? needs = null,
        int? daysToFirstDebrief = 20,
        int daysToApproval = 90,
        bool onTime = true) => new()
        {
            Jurisdiction = jurisdiction,
            Period = new ExtractPeriod(approved, approved),
            Review = Guid.NewGuid().ToString("N"),
            ApprovedMonth = approved,
            IncidentMonth = approved.AddMonths(-3),
            IncidentType = type,
            CauseCategory = cause,
            ChildAgeBand = AgeBand.Under1,
            PriorInvolvement = new ExtractPriorInvolvement(YesNoUnknown.No, false, PriorReportsBand.None, YesNoUnknown.No),
            Needs = needs ?? [new ExtractNeed(NeedCategory.Housing, NeedStatus.IdentifiedUnmet, [NeedBarrier.Waitlist])],
            Findings = findings ?? [new ExtractFinding("ORG", "ORG-1", 1, 2, [new ExtractAction(ActionStrength.Intermediate, ActionStatus.Approved, null)])],
            DaysToFirstDebrief = daysToFirstDebrief,
            DaysToApproval = daysToApproval,
            CompletedOnTime = onTime,
        };

    /// <summary>Stores the records as one imported extract of their jurisdiction.</summary>
    public static async Task ImportAsync(ReviewsDbContext db, IReadOnlyList<ExtractRecord> records, string importedBy = "test")
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(records);
        var code = records[0].Jurisdiction;
        var from = records.Min(r => r.ApprovedMonth);
        var to = records.Max(r => r.ApprovedMonth);
        var extract = new SharedExtract(code, from.FirstDay, to.FirstDay, ExtractRecord.SchemaVersion, records.Count, new string('0', 64), importedBy, DateTimeOffset.UtcNow);
        db.SharedExtracts.Add(extract);
        await db.SaveChangesAsync();
        foreach (var record in records)
        {
            db.SharedReviews.Add(new SharedReview(
                extract.Id, code, record.Review, record.ApprovedMonth.FirstDay, (int)record.IncidentType,
                System.Text.Json.JsonSerializer.Serialize(record with { Period = new ExtractPeriod(from, to) }, ExtractRecord.JsonOptions)));
        }

        await db.SaveChangesAsync();
    }

    /// <summary><paramref name="count"/> copies (each its own review) of a record.</summary>
    public static IEnumerable<ExtractRecord> Times(this ExtractRecord record, int count) =>
        Enumerable.Range(0, count).Select(_ => record with { Review = Guid.NewGuid().ToString("N") });
}
