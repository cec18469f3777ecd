using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.Debrief;

/// <summary>A change to one session of a review, made on the session as the user last saw it (its version).</summary>
public abstract class SessionChange
{
    public int Id { get; set; }

    public int SessionId { get; set; }

    public Guid Version { get; set; }
}

/// <summary>Loads a session of a review for a change: the review in the user's jurisdiction, a manager of its debrief, the session its own.</summary>
internal static class SessionOf
{
    public static async Task<(Review Review, DebriefSession Session)> LoadForManagerAsync(
        ReviewsDbContext db, ICurrentUser user, int reviewId, int sessionId, CancellationToken ct)
    {
        var review = await db.FindReviewAsync(reviewId, ct);
        await DebriefTeam.EnsureCanManageAsync(db, user, review, ct);
        var session = await db.DebriefSessions.SingleOrDefaultAsync(s => s.Id == sessionId && s.ReviewId == review.Id, ct)
            ?? throw new NotFoundException();
        return (review, session);
    }
}
