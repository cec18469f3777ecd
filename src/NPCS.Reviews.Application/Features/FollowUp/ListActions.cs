using Mediator;
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
            ActionStatus? status = query.Status is { } given && Enum.IsDefined(given) ? given : null;
            ActionStrength? strength = query.Strength is { } chosen && Enum.IsDefined(chosen) ? chosen : null;

            // Lower-cased here and in SQL (LOWER()) so the match ignores case whatever the database's collation.
            var owner = query.Owner?.Trim();
            var key = string.IsNullOrEmpty(owner) ? null : (owner.Length > MaxOwnerLength ? owner[..MaxOwnerLength] : owner).ToLowerInvariant();
            var filter = new FollowUpActions.Filter(status, strength, key, query.OverdueOnly ? today : null);

            var total = await FollowUpActions.CountAsync(db, filter, cancellationToken);
            var pageCount = Math.Max(1, (int)Math.Ceiling(total / (double)PageSize));
            var page = Math.Clamp(query.Page, 1, pageCount);
            var rows = total == 0 ? [] : await FollowUpActions.PageAsync(db, filter, (page - 1) * PageSize, PageSize, today, cancellationToken);
            return new Result(rows, total, page, pageCount, today);
        }
    }
}
