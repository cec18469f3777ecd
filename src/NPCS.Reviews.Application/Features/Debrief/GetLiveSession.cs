using Mediator;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Features.Reviews;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.Debrief;

/// <summary>
/// Everything the facilitator needs on screen while a session runs: the ground rules and who agreed,
/// the participants, the agenda (the chronology in short), and the decision points captured so far.
/// Only the people who run the debrief open it.
/// </summary>
public static class GetLiveSession
{
    [Authorize(Roles.ReviewEditors)]
    public sealed record Query(int Id, int SessionId) : IQuery<Result>;

    public sealed record Result(
        ReviewHeader Header,
        SessionView Session,
        IReadOnlyList<string> GroundRules,
        IReadOnlyList<ParticipantView> Participants,
        IReadOnlyList<ChronologyItem> Agenda,
        IReadOnlyList<CapturedPoint> Captured,
        int ReviewDecisionPointCount)
    {
        /// <summary>Ground rules, notes and decision points change only while the review is at Debrief and the session is not cancelled.</summary>
        public bool Editable => Header.Stage == ReviewStage.Debrief && Session.Status != SessionStatus.Cancelled;

        public bool CanCapture => Editable && Session.GroundRulesRecorded;
    }

    public sealed record SessionView(
        int Id,
        DateOnly Date,
        TimeOnly StartTime,
        string Location,
        SessionStatus Status,
        DateTimeOffset? GroundRulesRecordedAt,
        string? Notes,
        Guid Version)
    {
        /// <summary>When the ground rules were recorded, on the agency's clock (as the people in the room read it).</summary>
        public DateTime? GroundRulesRecordedLocal { get; init; }

        public bool GroundRulesRecorded => GroundRulesRecordedAt is not null;
    }

    public sealed record ParticipantView(int Id, string Name, string Role, ParticipantAgency Agency, bool Agreed);

    public sealed record CapturedPoint(int Id, DateOnly Date, DeciderRole Role, string Decision, Pressure Pressures);

    public sealed class Handler(ReviewsDbContext db, ICurrentUser user) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var (review, session) = await ManagedSession.LoadAsync(db, user, query.Id, query.SessionId, tracked: false, cancellationToken);
            var captured = await db.DecisionPoints.AsNoTracking()
                .Where(p => p.ReviewId == review.Id && p.SessionId == session.Id)
                .OrderBy(p => p.RecordedAt).ThenBy(p => p.Id)
                .Select(p => new CapturedPoint(p.Id, p.Date, p.Role, p.Decision, p.Pressures))
                .ToListAsync(cancellationToken);
            var total = await db.DecisionPoints.CountAsync(p => p.ReviewId == review.Id, cancellationToken);
            var timeZoneId = await db.Jurisdictions.Where(j => j.Id == review.JurisdictionId).Select(j => j.TimeZoneId).SingleOrDefaultAsync(cancellationToken);
            var zone = timeZoneId is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var found) ? found : TimeZoneInfo.Utc;
            return new Result(
                await ReviewHeader.ForAsync(db, user, review, cancellationToken),
                new SessionView(session.Id, session.Date, session.StartTime, session.Location, session.Status, session.GroundRulesRecordedAt, session.Notes, session.Version)
                {
                    GroundRulesRecordedLocal = session.GroundRulesRecordedAt is { } at ? TimeZoneInfo.ConvertTime(at, zone).DateTime : null,
                },
                GroundRules.All,
                [.. session.Participants.OrderBy(p => p.Id).Select(p => new ParticipantView(p.Id, p.Name, p.Role, p.Agency, p.AgreedToGroundRules))],
                await ChronologyItem.ListAsync(db, review.Id, cancellationToken),
                captured,
                total);
        }
    }
}

/// <summary>Loads a review and one of its sessions for someone who runs the debrief; anyone else is refused before anything is read.</summary>
public static class ManagedSession
{
    public static async Task<(Review Review, DebriefSession Session)> LoadAsync(
        ReviewsDbContext db, ICurrentUser user, int reviewId, int sessionId, bool tracked, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var review = tracked ? await db.FindReviewAsync(reviewId, ct) : await db.ReadReviewAsync(reviewId, ct);
        await DebriefTeam.EnsureCanManageAsync(db, user, review, ct);
        var sessions = tracked ? db.DebriefSessions : db.DebriefSessions.AsNoTracking();
        var session = await sessions.SingleOrDefaultAsync(s => s.Id == sessionId && s.ReviewId == review.Id, ct)
            ?? throw new NotFoundException();
        return (review, session);
    }
}
