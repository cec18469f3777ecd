using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.FollowUp;

/// <summary>An action and its review, loaded through the review so another jurisdiction's action is not found.</summary>
internal static class ReviewActionOf
{
    public static async Task<(Review Review, ReviewAction Action)> LoadAsync(ReviewsDbContext db, int actionId, CancellationToken ct)
    {
        var action = await db.ReviewActions.SingleOrDefaultAsync(a => a.Id == actionId, ct)
            ?? throw new NotFoundException();
        var review = await db.FindReviewAsync(action.ReviewId, ct);
        return (review, action);
    }
}
