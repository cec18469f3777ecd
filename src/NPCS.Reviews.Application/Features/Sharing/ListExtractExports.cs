using Mediator;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Application.Features.Sharing;

/// <summary>The jurisdiction's extracts so far, newest first: who exported which period, when, in which format, how many reviews.</summary>
public static class ListExtractExports
{
    public const int Shown = 100;

    [Authorize(Roles.Administrator)]
    public sealed record Query : IQuery<Result>;

    public sealed record Row(DateTime LocalTime, string Who, YearMonth From, YearMonth To, ExtractFormat Format, int Rows);

    /// <summary>The latest exports, how many there are in all, and how many approved reviews an extract can contain.</summary>
    public sealed record Result(IReadOnlyList<Row> Rows, int Total, int ApprovedReviews, string TimeZoneId);

    public sealed class Handler(ReviewsDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var timeZoneId = await db.Jurisdictions.Select(j => j.TimeZoneId).SingleAsync(cancellationToken);
            var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
            var total = await db.ExtractExports.CountAsync(cancellationToken);
            var approved = await db.Reviews.CountAsync(r => r.Stage == Domain.Reviews.ReviewStage.Approved, cancellationToken);
            var exports = await db.ExtractExports.AsNoTracking()
                .OrderByDescending(e => e.ExportedAt).ThenByDescending(e => e.Id)
                .Take(Shown)
                .ToListAsync(cancellationToken);
            var userIds = exports.Select(e => e.ExportedByUserId).Distinct().ToList();
            var names = await db.DisplayNamesAsync(userIds, cancellationToken);
            var rows = exports.Select(e => new Row(
                TimeZoneInfo.ConvertTime(e.ExportedAt, zone).DateTime,
                names.GetValueOrDefault(e.ExportedByUserId, "(former user)"),
                YearMonth.Of(e.PeriodFrom),
                YearMonth.Of(e.PeriodTo),
                e.Format,
                e.Rows)).ToList();
            return new Result(rows, total, approved, zone.Id);
        }
    }
}
