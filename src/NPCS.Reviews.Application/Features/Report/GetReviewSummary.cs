using Mediator;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Features.Reviews;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.Report;

/// <summary>
/// The whole review in reading order, for the supervisor's approval page and the report. Debrief
/// content beyond the session list (participants, decision points, notes) only for the debrief team:
/// staff spoke there under ground rules, so others see that sessions took place, not what was said.
/// </summary>
public static class GetReviewSummary
{
    [Authorize(Roles.ReviewReaders)]
    public sealed record Query(int Id) : IQuery<Result>;

    public sealed record Intake(
        IncidentType IncidentType, DateOnly IncidentDate, DateOnly NotifiedDate, int ChildAgeMonths, ChildSex ChildSex,
        RaceEthnicity ChildRaceEthnicity, string CaseReference, YesNoUnknown OpenCaseAtIncident, DateOnly? MostRecentContact,
        int PriorReportsCount, YesNoUnknown PriorSubstantiated, MaltreatmentType AllegedMaltreatment, CauseCategory CauseCategory,
        string? Summary, string ScreeningReason, DateOnly CompletionDue, string? FacilitatorName);

    public sealed record ChronologyLine(DateOnly Date, TimeOnly? Time, ChronologySource Source, string WhatHappened, string? AgencyKnew);

    public sealed record NeedLine(NeedCategory Category, string Description, NeedStatus Status, NeedBarrier Barriers, string? BarrierNote);

    public sealed record FactorLine(ProtectiveFactor Factor, FactorRating Rating, string? Note);

    /// <summary>A debrief session; who took part (even how many) only for the debrief team, as on the Debrief tab.</summary>
    public sealed record Session(DateOnly Date, TimeOnly StartTime, SessionStatus Status, int? ParticipantCount, IReadOnlyList<Participant> Participants, string? Notes);

    public sealed record Participant(string Role, ParticipantAgency Agency);

    public sealed record Decision(DateOnly Date, DeciderRole Role, string Text, string? Cues, string? Knew, string? Expected, Pressure Pressures);

    public sealed record FindingLine(string Domain, string Item, int Rating, string Description, string? NoActionReason, IReadOnlyList<string> Evidence, IReadOnlyList<ActionLine> Actions);

    public sealed record ActionLine(string WhatWillBeDone, ActionStrength Strength, string OwnerName, string OwnerUnit, DateOnly DueDate, string Measure, ActionStatus Status);

    /// <summary>Who did what and when, in the agency's time zone.</summary>
    public sealed record Sign(string Who, DateTime LocalTime);

    public sealed record Result(
        ReviewHeader Header,
        string AgencyName,
        string TimeZoneId,
        DateTime GeneratedAt,
        Intake Review,
        IReadOnlyList<ChronologyLine> Chronology,
        IReadOnlyList<NeedLine> Needs,
        IReadOnlyList<FactorLine> ProtectiveFactors,
        BiasReflectionAnswers? Bias,
        FamilyVoiceDetails? Voice,
        IReadOnlyList<Session> Sessions,
        IReadOnlyList<Decision>? DecisionPoints,
        IReadOnlyList<FindingLine> Findings,
        Sign? Submitted,
        Sign? Approved,
        Sign? Returned,
        string? ReturnComments);

    public sealed class Handler(ReviewsDbContext db, ICurrentUser user, TimeProvider time) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var ct = cancellationToken;
            var review = await db.ReadReviewAsync(query.Id, ct);
            var header = await ReviewHeader.ForAsync(db, user, review, ct);
            var agency = await db.Jurisdictions.Select(j => new { j.Name, j.TimeZoneId }).SingleAsync(ct);
            var zone = TimeZoneInfo.FindSystemTimeZoneById(agency.TimeZoneId);

            var chronology = await db.ChronologyEntries.AsNoTracking().Where(e => e.ReviewId == review.Id).ToListAsync(ct);
            var needs = await db.Needs.AsNoTracking().Where(n => n.ReviewId == review.Id).OrderBy(n => n.Id).ToListAsync(ct);
            var analysis = await db.FamilyNeedsAnalyses.AsNoTracking().SingleOrDefaultAsync(a => a.ReviewId == review.Id, ct);
            var sessions = await db.DebriefSessions.AsNoTracking().Where(s => s.ReviewId == review.Id).ToListAsync(ct);
            var points = header.CanReadDebrief
                ? await db.DecisionPoints.AsNoTracking().Where(p => p.ReviewId == review.Id).ToListAsync(ct)
                : [];
            var findings = await db.Findings.AsNoTracking().Where(f => f.ReviewId == review.Id).OrderByDescending(f => f.Rating).ThenBy(f => f.Id).ToListAsync(ct);
            var actions = await db.ReviewActions.AsNoTracking().Where(a => a.ReviewId == review.Id).OrderBy(a => a.Id).ToListAsync(ct);
            var catalogs = await db.FactorCatalogs.AsNoTracking().AsSplitQuery().ToListAsync(ct);
            var items = catalogs.SelectMany(c => c.Domains).SelectMany(d => d.Items.Select(i => (Item: i, Domain: d)))
                .ToDictionary(x => x.Item.Id, x => (Domain: x.Domain.Name, Item: $"{x.Item.Code} {x.Item.Name}"));

            var userIds = new[] { review.AssignedFacilitatorId, review.SubmittedByUserId, review.ApprovedByUserId, review.ReturnedByUserId }
                .OfType<string>().Distinct().ToList();
            var names = await db.DisplayNamesAsync(userIds, ct);
            string NameOf(string id) => names.GetValueOrDefault(id, "(former user)");
            Sign? SignOf(string? id, DateTimeOffset? at) =>
                id is null || at is null ? null : new Sign(NameOf(id), TimeZoneInfo.ConvertTime(at.Value, zone).DateTime);

            var chronologyLabels = chronology.ToDictionary(e => e.Id, e => $"Chronology {e.Date:yyyy-MM-dd}");
            string EvidenceLabel(FindingEvidence e) => e.Kind switch
            {
                EvidenceKind.ChronologyEntry => chronologyLabels.GetValueOrDefault(e.TargetId, "Chronology entry (removed)"),
                EvidenceKind.Need => needs.FirstOrDefault(n => n.Id == e.TargetId) is { } n ? $"Need: {n.Category.DisplayName()}" : "Need (removed)",
                // Non-team readers learn only that a decision point is cited, not what it says.
                _ => points.FirstOrDefault(p => p.Id == e.TargetId) is { } p ? $"Decision point {p.Date:yyyy-MM-dd}, {p.Role.DisplayName()}" : "Decision point",
            };

            return new Result(
                header,
                agency.Name,
                zone.Id,
                TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime,
                new Intake(
                    review.IncidentType, review.IncidentDate, review.NotifiedDate, review.ChildAgeMonths, review.ChildSex,
                    review.ChildRaceEthnicity, review.CaseReference, review.OpenCaseAtIncident, review.MostRecentContact,
                    review.PriorReportsCount, review.PriorSubstantiated, review.AllegedMaltreatment, review.CauseCategory,
                    review.Summary, review.ScreeningReason, review.CompletionDue,
                    review.AssignedFacilitatorId is null ? null : NameOf(review.AssignedFacilitatorId)),
                [.. chronology.OrderBy(e => e.Date).ThenBy(e => e.Time).ThenBy(e => e.Id)
                    .Select(e => new ChronologyLine(e.Date, e.Time, e.Source, e.WhatHappened, e.AgencyKnew))],
                [.. needs.Select(n => new NeedLine(n.Category, n.Description, n.Status, n.Barriers, n.BarrierNote))],
                analysis is null ? [] : [.. analysis.Factors.OrderBy(f => f.Factor).Select(f => new FactorLine(f.Factor, f.Rating, f.Note))],
                analysis?.Bias,
                analysis?.Voice,
                [.. sessions.OrderBy(s => s.Date).ThenBy(s => s.StartTime).Select(s => new Session(
                    s.Date, s.StartTime, s.Status, header.CanReadDebrief ? s.Participants.Count : null,
                    header.CanReadDebrief ? [.. s.Participants.Select(p => new Participant(p.Role, p.Agency))] : [],
                    header.CanReadDebrief ? s.Notes : null))],
                header.CanReadDebrief
                    ? [.. points.OrderBy(p => p.Date).ThenBy(p => p.Id).Select(p => new Decision(p.Date, p.Role, p.Decision, p.Cues, p.Knew, p.Expected, p.Pressures))]
                    : null,
                [.. findings.Select(f => new FindingLine(
                    items.TryGetValue(f.FactorItemId, out var item) ? item.Domain : "",
                    items.TryGetValue(f.FactorItemId, out var named) ? named.Item : "(unknown item)",
                    f.Rating,
                    f.Description,
                    f.NoActionReason,
                    [.. f.Evidence.Select(EvidenceLabel)],
                    [.. actions.Where(a => a.FindingId == f.Id).Select(a => new ActionLine(a.WhatWillBeDone, a.Strength, a.OwnerName, a.OwnerUnit, a.DueDate, a.Measure, a.Status))]))],
                SignOf(review.SubmittedByUserId, review.SubmittedAt),
                SignOf(review.ApprovedByUserId, review.ApprovedAt),
                SignOf(review.ReturnedByUserId, review.ReturnedAt),
                review.ReturnComments);
        }
    }
}
