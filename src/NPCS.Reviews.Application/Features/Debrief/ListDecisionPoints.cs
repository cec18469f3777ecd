using Mediator;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Features.Reviews;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.Debrief;

/// <summary>The review's decision points in date order, for the debrief team only. Each shows the role of who decided, never a name.</summary>
public static class ListDecisionPoints
{
    [Authorize(Roles.ReviewReaders)]
    public sealed record Query(int Id) : IQuery<Result>;

    public sealed record Result(ReviewHeader Header, IReadOnlyList<Item> Items)
    {
        /// <summary>Managers of the debrief change decision points while the review is at Debrief; the rest of the team reads.</summary>
        public bool CanManage => Header.CanManageDebrief && Header.Stage == ReviewStage.Debrief;
    }

    public sealed record Item(
        int Id,
        DateOnly Date,
        DeciderRole Role,
        string Decision,
        string? Cues,
        string? Knew,
        string? Expected,
        Pressure Pressures,
        string? Context,
        ChronologyItem? Chronology,
        DateOnly? SessionDate,
        Guid Version);

    public sealed class Handler(ReviewsDbContext db, ICurrentUser user) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var review = await db.ReadReviewAsync(query.Id, cancellationToken);
            var header = await ReviewHeader.ForAsync(db, user, review, cancellationToken);
            header.Team.EnsureCanRead();
            var points = await db.DecisionPoints.AsNoTracking()
                .Where(p => p.ReviewId == review.Id)
                .OrderBy(p => p.Date).ThenBy(p => p.Id)
                .ToListAsync(cancellationToken);
            var chronology = (await ChronologyItem.ListAsync(db, review.Id, cancellationToken)).ToDictionary(c => c.Id);
            var sessionDates = await db.DebriefSessions.AsNoTracking()
                .Where(s => s.ReviewId == review.Id)
                .ToDictionaryAsync(s => s.Id, s => s.Date, cancellationToken);
            return new Result(
                header,
                [.. points.Select(p => new Item(
                    p.Id, p.Date, p.Role, p.Decision, p.Cues, p.Knew, p.Expected, p.Pressures, p.Context,
                    p.ChronologyEntryId is { } c ? chronology.GetValueOrDefault(c) : null,
                    p.SessionId is { } s && sessionDates.TryGetValue(s, out var date) ? date : null,
                    p.Version))]);
        }
    }
}
