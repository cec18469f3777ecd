using Mediator;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Application.Features.Reviews;

/// <summary>A review's history, newest first: who changed what, and when (in the jurisdiction's time zone).</summary>
public static class GetHistory
{
    [Authorize(Roles.ReviewReaders)]
    public sealed record Query(int Id) : IQuery<Result>;

    public sealed record Line(DateTime LocalTime, string Who, string Description);

    public sealed record Result(ReviewHeader Header, string TimeZoneId, IReadOnlyList<Line> Lines);

    public sealed class Handler(ReviewsDbContext db, ICurrentUser user) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var review = await db.ReadReviewAsync(query.Id, cancellationToken);
            var header = await ReviewHeader.ForAsync(db, user, review, cancellationToken);
            var timeZoneId = await db.Jurisdictions.Select(j => j.TimeZoneId).SingleAsync(cancellationToken);
            var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);

            var changes = await db.ReviewChanges.AsNoTracking()
                .Where(c => c.ReviewId == review.Id)
                .Select(c => new { c.Id, c.At, c.UserId, c.Description })
                .ToListAsync(cancellationToken);
            var userIds = changes.Where(c => c.UserId != null).Select(c => c.UserId!).Distinct().ToList();
            var names = await db.DisplayNamesAsync(userIds, cancellationToken);
            var lines = changes
                .OrderByDescending(c => c.At).ThenByDescending(c => c.Id)
                .Select(c => new Line(
                    TimeZoneInfo.ConvertTime(c.At, zone).DateTime,
                    c.UserId is null ? "System" : names.GetValueOrDefault(c.UserId, "(former user)"),
                    c.Description))
                .ToList();
            return new Result(header, zone.Id, lines);
        }
    }
}
