using Mediator;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.FollowUp;

/// <summary>The jurisdiction's actions of approved reviews, soonest due first, filtered by status, owner, strength or overdue.</summary>
public static class ListActions
{
    public const int PageSize = 25;
    public const int MaxOwnerLength = ReviewAction.OwnerMaxLength;

    [Authorize(Roles.ReviewReaders)]
    public sealed record Query(
        ActionStatus? Status = null,
        string? Owner = null,
        ActionStrength? Strength = null,
        bool OverdueOnly = false,
        int Page = 1) : IQuery<Result>;

    public sealed record Result(IReadOnlyList<FollowUpActions.Row> Rows, int Total, int Page, int PageCount, DateOnly Today);

    public sealed class Handler(ReviewsDbContext db, JurisdictionClock clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var today = await clock.TodayAsync(cancellationToken);
            var actions = db.FollowedUpActions.AsNoTracking();
            if (query.Status is { } status && Enum.IsDefined(status))
            {
                actions = actions.Where(a => a.Status == status);
            }

            if (query.Strength is { } strength && Enum.IsDefined(strength))
            {
                actions = actions.Where(a => a.Strength == strength);
            }

            var owner = query.Owner?.Trim();
            if (!string.IsNullOrEmpty(owner))
            {
                // Lower-cased on both sides so the match ignores case whatever the database's collation:
                // string.ToLower() is what EF translates to SQL LOWER(); the culture overloads the
                // analyzers ask for are not translated.
                var key = (owner.Length > MaxOwnerLength ? owner[..MaxOwnerLength] : owner).ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862
                actions = actions.Where(a => a.OwnerName.ToLower().Contains(key) || a.OwnerUnit.ToLower().Contains(key));
#pragma warning restore CA1304, CA1311, CA1862
            }

            if (query.OverdueOnly)
            {
                actions = FollowUpActions.Overdue(actions, today);
            }

            var total = await actions.CountAsync(cancellationToken);
            var pageCount = Math.Max(1, (int)Math.Ceiling(total / (double)PageSize));
            var page = Math.Clamp(query.Page, 1, pageCount);

            // The page's ids first, sorted from the indexes alone; then only those rows are read and
            // projected (their review number and factor name looked up 25 times, not once per action).
            var ids = await actions
                .OrderBy(a => a.DueDate)
                .ThenBy(a => a.Id)
                .Skip((page - 1) * PageSize)
                .Take(PageSize)
                .Select(a => a.Id)
                .ToListAsync(cancellationToken);
            var rows = await FollowUpActions.Rows(db, db.ReviewActions.AsNoTracking().Where(a => EF.Parameter(ids).Contains(a.Id)), today)
                .ToListAsync(cancellationToken);
            return new Result(rows, total, page, pageCount, today);
        }
    }
}
