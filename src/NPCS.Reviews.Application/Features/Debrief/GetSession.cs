using Mediator;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Features.Intake;
using NPCS.Reviews.Application.Features.Reviews;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.Debrief;

/// <summary>One debrief session with its participants: for the debrief team only (anyone else is refused).</summary>
public static class GetSession
{
    [Authorize(Roles.ReviewReaders)]
    public sealed record Query(int Id, int SessionId) : IQuery<Result>;

    public sealed record Result(
        ReviewHeader Header,
        int SessionId,
        Guid Version,
        DateOnly Date,
        TimeOnly StartTime,
        string Location,
        string FacilitatorName,
        SessionStatus Status,
        string? CancellationReason,
        DateTimeOffset? GroundRulesRecordedAt,
        string? GroundRulesRecordedBy,
        int DecisionPointCount,
        string? Notes,
        IReadOnlyList<GetDebrief.ParticipantView> Participants,
        bool CanRunLive,
        bool CanChange,
        bool CanChangeParticipants,
        IReadOnlyList<UserOption> StaffOptions,
        IReadOnlyList<UserOption> FacilitatorOptions);

    public sealed class Handler(ReviewsDbContext db, ICurrentUser user, TimeProvider time) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var review = await db.ReadReviewAsync(query.Id, cancellationToken);
            var header = await ReviewHeader.ForAsync(db, user, review, cancellationToken);
            header.Team.EnsureCanRead();

            var session = await db.DebriefSessions.AsNoTracking()
                .SingleOrDefaultAsync(s => s.Id == query.SessionId && s.ReviewId == review.Id, cancellationToken)
                ?? throw new NotFoundException();
            var userIds = new[] { session.FacilitatorId, session.GroundRulesRecordedByUserId };
            var names = await db.DisplayNamesAsync(userIds, cancellationToken);
            var points = await db.DecisionPoints.CountAsync(p => p.SessionId == session.Id, cancellationToken);

            var manage = header.CanManageDebrief;
            var canChange = manage && review.SessionsEditable && session.Status == SessionStatus.Scheduled;
            var canChangeParticipants = manage && review.SessionsEditable && session.Status != SessionStatus.Cancelled;
            var onSession = session.Participants.Select(p => p.UserId).ToHashSet();
            return new Result(
                header,
                session.Id,
                session.Version,
                session.Date,
                session.StartTime,
                session.Location,
                names.GetValueOrDefault(session.FacilitatorId, "A former user"),
                session.Status,
                session.CancellationReason,
                session.GroundRulesRecordedAt,
                session.GroundRulesRecordedByUserId is { } by ? names.GetValueOrDefault(by, "A former user") : null,
                points,
                session.Notes,
                GetDebrief.Handler.ParticipantsOf(session),
                manage && session.Status != SessionStatus.Cancelled,
                canChange,
                canChangeParticipants,
                canChangeParticipants ? [.. (await Staff.ListAsync(db, time, cancellationToken)).Where(u => !onSession.Contains(u.Id))] : [],
                canChange ? await Facilitators.ListAsync(db, time, cancellationToken) : []);
        }
    }
}
