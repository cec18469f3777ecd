using Mediator;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Features.Reviews;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.Chronology;

/// <summary>
/// The review's chronology in time order: by date, then time (an entry without a time comes first
/// in its day), then in the order the entries were added.
/// </summary>
public static class ListChronology
{
    [Authorize(Roles.ReviewReaders)]
    public sealed record Query(int Id) : IQuery<Result>;

    public sealed record Entry(int Id, DateOnly Date, TimeOnly? Time, ChronologySource Source, string WhatHappened, string? AgencyKnew, Guid Version);

    /// <summary>
    /// CanEdit: the review is at a stage where the chronology may change and the user may change it.
    /// ReadOnlyReason: why not, when CanEdit is false.
    /// </summary>
    public sealed record Result(ReviewHeader Header, IReadOnlyList<Entry> Entries, bool CanEdit, string? ReadOnlyReason);

    public sealed class Handler(ReviewsDbContext db, ICurrentUser user) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var review = await db.ReadReviewAsync(query.Id, cancellationToken);
            var header = await ReviewHeader.ForAsync(db, user, review, cancellationToken);
            var entries = await db.ChronologyEntries.AsNoTracking()
                .Where(e => e.ReviewId == review.Id)
                .OrderBy(e => e.Date)

                // Said outright rather than left to where each database happens to put NULLs.
                .ThenBy(e => e.Time == null ? 0 : 1)
                .ThenBy(e => e.Time)
                .ThenBy(e => e.Id)
                .Select(e => new Entry(e.Id, e.Date, e.Time, e.Source, e.WhatHappened, e.AgencyKnew, e.Version))
                .ToListAsync(cancellationToken);
            var reason = ReadOnlyReason(review, header.CanEdit);
            return new Result(header, entries, reason is null, reason);
        }

        private static string? ReadOnlyReason(Review review, bool userMayEdit) => review.Stage switch
        {
            ReviewStage.ScreenedOut => "A screened-out incident is not reviewed, so it has no chronology.",
            _ when !review.ChronologyEditable => "The review has gone for approval: its chronology is locked.",
            _ when !userMayEdit => "Your role can read the chronology but not change it.",
            _ => null,
        };
    }
}
