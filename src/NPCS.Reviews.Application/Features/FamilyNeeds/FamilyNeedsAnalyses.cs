using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.FamilyNeeds;

/// <summary>What every form of the analysis posts besides its fields: the review and the analysis version it was loaded with.</summary>
public abstract class AnalysisForm
{
    public int Id { get; set; }

    /// <summary>The analysis version the form was loaded with; empty when there was no analysis yet.</summary>
    public Guid Version { get; set; }
}

/// <summary>
/// Saves a change to the review's one family-needs analysis (factors, bias reflection, family voice),
/// creating the analysis the first time any of its forms is saved.
/// </summary>
public static class FamilyNeedsAnalyses
{
    /// <summary>
    /// <paramref name="expectedVersion"/> is the analysis version the user's form was loaded with
    /// (<see cref="Guid.Empty"/> when there was none yet); <paramref name="change"/> applies the user's
    /// change through the review, which checks the stage.
    /// </summary>
    public static async Task SaveAsync(
        ReviewsDbContext db, int reviewId, Guid expectedVersion, Action<Review, FamilyNeedsAnalysis> change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(change);
        var review = await db.FindReviewAsync(reviewId, ct);
        var analysis = await db.FamilyNeedsAnalyses.SingleOrDefaultAsync(a => a.ReviewId == review.Id, ct);
        if (analysis is not null)
        {
            await db.SaveWithConcurrencyCheckAsync(analysis, expectedVersion, a => a.Version, () => change(review, analysis), ct);
            return;
        }

        // The form was loaded with an analysis that is no longer there: not the user's to recreate blindly.
        if (expectedVersion != Guid.Empty)
        {
            throw new ConcurrencyConflictException();
        }

        analysis = review.StartFamilyNeedsAnalysis();
        change(review, analysis);
        db.FamilyNeedsAnalyses.Add(analysis);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex)
        {
            // Two first saves at once: the unique index on the review kept the other one. This user's
            // form was loaded before it existed, so it is a conflict like any other.
            db.Entry(analysis).State = EntityState.Detached;
            if (await db.FamilyNeedsAnalyses.AsNoTracking().AnyAsync(a => a.ReviewId == review.Id, ct))
            {
                throw new ConcurrencyConflictException(ConcurrencyConflictException.DefaultMessage, ex);
            }

            throw;
        }
    }
}
