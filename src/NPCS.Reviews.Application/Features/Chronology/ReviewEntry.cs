using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.Chronology;

/// <summary>
/// A review and one of its chronology entries, as the edit and delete use cases load them. A review of
/// another jurisdiction, or an entry of another review, is not found.
/// </summary>
internal static class ReviewEntry
{
    public static async Task<(Review Review, ChronologyEntry Entry)> LoadAsync(ReviewsDbContext db, int reviewId, int entryId, CancellationToken ct)
    {
        var review = await db.FindReviewAsync(reviewId, ct);
        var entry = await db.ChronologyEntries.SingleOrDefaultAsync(e => e.Id == entryId && e.ReviewId == review.Id, ct)
            ?? throw new NotFoundException();
        return (review, entry);
    }
}
