using Mediator;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Features.Intake;
using NPCS.Reviews.Application.Features.Reviews;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.Debrief;

/// <summary>
/// The debrief overview: the first-debrief due date against the policy, and the sessions. Only the
/// debrief team gets what a session is about (place, facilitator, participants, ground rules,
/// decision points); everyone else gets its date, time and status, and nothing else leaves the query.
/// </summary>
public static class GetDebrief
{
    public const string ConfidentialNotice =
        "What is said in debrief sessions, and who takes part, is confidential to the review team: the review's facilitator, Supervisors, Administrators and the staff who take part.";

    [Authorize(Roles.ReviewReaders)]
    public sealed record Query(int Id) : IQuery<Result>;

    public sealed record Result(
        ReviewHeader Header,
        DateOnly FirstDebriefDue,
        bool DueMet,
        bool Overdue,
        DateOnly? FirstHeld,
        IReadOnlyList<SessionSummary> Sessions,
        string? Confidential,
        bool CanSchedule,
        bool SchedulingNotYetOpen,
        bool CanComplete,
        IReadOnlyList<UserOption> FacilitatorOptions,
        string? DefaultFacilitatorId,
        int DecisionPointCount);

    /// <summary>One session. For readers outside the debrief team every field after Status is null or empty.</summary>
    public sealed record SessionSummary(
        int Id,
        DateOnly Date,
        TimeOnly StartTime,
        SessionStatus Status,
        string? Location,
        string? FacilitatorName,
        IReadOnlyList<ParticipantView> Participants,
        bool? GroundRulesRecorded,
        int? DecisionPointCount,
        string? CancellationReason);

    public sealed record ParticipantView(int Id, string Name, string Role, ParticipantAgency Agency, bool IsStaff, bool AgreedToGroundRules);

    public sealed class Handler(ReviewsDbContext db, ICurrentUser user, JurisdictionClock clock, TimeProvider time) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var review = await db.ReadReviewAsync(query.Id, cancellationToken);
            var header = await ReviewHeader.ForAsync(db, user, review, cancellationToken);
            var sessions = await db.DebriefSessions.AsNoTracking()
                .Where(s => s.ReviewId == review.Id)
                .OrderBy(s => s.Date).ThenBy(s => s.StartTime).ThenBy(s => s.Id)
                .ToListAsync(cancellationToken);

            var firstHeld = sessions.Where(s => s.Status == SessionStatus.Held).Select(s => (DateOnly?)s.Date).Min();
            var today = await clock.TodayAsync(cancellationToken);
            var dueMet = firstHeld <= review.FirstDebriefDue;
            var overdue = firstHeld is null && today > review.FirstDebriefDue;

            var team = header.CanReadDebrief;
            var summaries = team
                ? await TeamViewAsync(sessions, cancellationToken)
                : [.. sessions.Select(s => new SessionSummary(s.Id, s.Date, s.StartTime, s.Status, null, null, [], null, null, null))];
            var points = team ? await db.DecisionPoints.CountAsync(p => p.ReviewId == review.Id, cancellationToken) : 0;

            var manage = header.CanManageDebrief;
            var canSchedule = manage && review.SessionsEditable;
            return new Result(
                header,
                review.FirstDebriefDue,
                dueMet,
                overdue,
                firstHeld,
                summaries,
                team ? null : ConfidentialNotice,
                canSchedule,
                review.Stage < ReviewStage.FamilyNeeds,
                manage && review.DebriefEditable,
                canSchedule ? await Facilitators.ListAsync(db, time, cancellationToken) : [],
                review.AssignedFacilitatorId,
                points);
        }

        private async Task<List<SessionSummary>> TeamViewAsync(List<DebriefSession> sessions, CancellationToken ct)
        {
            var ids = sessions.Select(s => s.Id).ToList();
            var facilitatorIds = sessions.Select(s => s.FacilitatorId).Distinct().ToList();
            var names = await db.DisplayNamesAsync(facilitatorIds, ct);
            var points = await db.DecisionPoints
                .Where(p => p.SessionId != null && EF.Parameter(ids).Contains(p.SessionId.Value))
                .GroupBy(p => p.SessionId!.Value)
                .Select(g => new { SessionId = g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.SessionId, g => g.Count, ct);
            return [.. sessions.Select(s => new SessionSummary(
                s.Id,
                s.Date,
                s.StartTime,
                s.Status,
                s.Location,
                names.GetValueOrDefault(s.FacilitatorId, "A former user"),
                ParticipantsOf(s),
                s.GroundRulesRecorded,
                points.GetValueOrDefault(s.Id),
                s.CancellationReason))];
        }

        internal static List<ParticipantView> ParticipantsOf(DebriefSession session) =>
            [.. session.Participants.OrderBy(p => p.Id).Select(p => new ParticipantView(p.Id, p.Name, p.Role, p.Agency, p.IsStaff, p.AgreedToGroundRules))];
    }
}
