using Mediator;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Features.FollowUp;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.Home;

/// <summary>
/// The home page's "My work", one section per role the user holds: a caseworker's reviews still at
/// intake, a facilitator's open reviews and upcoming sessions, a supervisor's approvals, late reviews
/// and overdue actions. A section the user's roles do not give is null.
/// </summary>
public static class GetMyWork
{
    public const int TopOverdueActions = 10;

    [Authorize(Roles.ReviewReaders)]
    public sealed record Query : IQuery<Result>;

    public sealed record ReviewRow(int Id, string Number, IncidentType IncidentType, ReviewStage Stage, DateOnly? NextDue, bool Overdue);

    public sealed record SessionRow(int ReviewId, int SessionId, string ReviewNumber, DateOnly Date, TimeOnly StartTime, string Location);

    public sealed record CaseworkerWork(IReadOnlyList<ReviewRow> AtIntake);

    /// <summary>The facilitator's open reviews (neither approved nor screened out) grouped in workflow order, and their scheduled sessions from today.</summary>
    public sealed record FacilitatorWork(IReadOnlyList<IGrouping<ReviewStage, ReviewRow>> ByStage, IReadOnlyList<SessionRow> UpcomingSessions);

    public sealed record SupervisorWork(
        IReadOnlyList<ReviewRow> AwaitingApproval,
        IReadOnlyList<ReviewRow> PastDue,
        int OverdueActionCount,
        IReadOnlyList<FollowUpActions.Row> OverdueActions);

    public sealed record Result(DateOnly Today, CaseworkerWork? Caseworker, FacilitatorWork? Facilitator, SupervisorWork? Supervisor, bool IsAdministrator);

    public sealed class Handler(ReviewsDbContext db, JurisdictionClock clock, ICurrentUser user) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var userId = user.RequireUserId();
            var today = await clock.TodayAsync(cancellationToken);
            var reviews = db.Reviews.AsNoTracking();

            CaseworkerWork? caseworker = null;
            if (user.IsInRole(Roles.Caseworker))
            {
                caseworker = new CaseworkerWork(await RowsAsync(
                    reviews.Where(r => r.CreatedByUserId == userId && r.Stage == ReviewStage.Intake), today, cancellationToken));
            }

            FacilitatorWork? facilitator = null;
            if (user.IsInRole(Roles.Facilitator))
            {
                var mine = await RowsAsync(
                    reviews.Where(r => r.AssignedFacilitatorId == userId && r.Stage != ReviewStage.Approved && r.Stage != ReviewStage.ScreenedOut),
                    today,
                    cancellationToken);
                var sessions = await db.DebriefSessions.AsNoTracking()
                    .Where(s => s.FacilitatorId == userId && s.Status == SessionStatus.Scheduled && s.Date >= today)
                    .OrderBy(s => s.Date).ThenBy(s => s.StartTime)
                    .Select(s => new SessionRow(s.ReviewId, s.Id, db.Reviews.Where(r => r.Id == s.ReviewId).Select(r => r.Number).First(), s.Date, s.StartTime, s.Location))
                    .ToListAsync(cancellationToken);
                facilitator = new FacilitatorWork([.. mine.GroupBy(r => r.Stage).OrderBy(g => g.Key)], sessions);
            }

            SupervisorWork? supervisor = null;
            if (user.IsInRole(Roles.Supervisor))
            {
                var awaiting = await RowsAsync(reviews.Where(r => r.Stage == ReviewStage.Approval), today, cancellationToken);

                // The deadline that applies at each stage, as Review.DueFor sets it, written so the database filters.
                var pastDue = await RowsAsync(
                    reviews.Where(r =>
                        ((r.Stage == ReviewStage.Intake || r.Stage == ReviewStage.FamilyNeeds) && r.FirstDebriefDue < today)
                        || ((r.Stage == ReviewStage.Debrief || r.Stage == ReviewStage.Findings || r.Stage == ReviewStage.Approval) && r.CompletionDue < today)),
                    today,
                    cancellationToken);
                var overdue = new FollowUpActions.Filter(OverdueOn: today);
                var count = await FollowUpActions.CountAsync(db, overdue, cancellationToken);
                var top = count == 0 ? [] : await FollowUpActions.PageAsync(db, overdue, 0, TopOverdueActions, today, cancellationToken);
                supervisor = new SupervisorWork(awaiting, pastDue, count, top);
            }

            return new Result(today, caseworker, facilitator, supervisor, user.IsInRole(Roles.Administrator));
        }

        private static async Task<IReadOnlyList<ReviewRow>> RowsAsync(IQueryable<Review> reviews, DateOnly today, CancellationToken ct)
        {
            var rows = await reviews
                .OrderBy(r => r.Number)
                .Select(r => new { r.Id, r.Number, r.IncidentType, r.Stage, r.FirstDebriefDue, r.CompletionDue })
                .ToListAsync(ct);
            return [.. rows
                .Select(r =>
                {
                    var due = Review.DueFor(r.Stage, r.FirstDebriefDue, r.CompletionDue);
                    return new ReviewRow(r.Id, r.Number, r.IncidentType, r.Stage, due, due < today);
                })
                .OrderBy(r => r.NextDue ?? DateOnly.MaxValue)
                .ThenBy(r => r.Number)];
        }
    }
}
