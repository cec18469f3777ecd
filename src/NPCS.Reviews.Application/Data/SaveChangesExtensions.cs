using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Data;

public static class SaveChangesExtensions
{
    /// <summary>The review, tracked for a change; another jurisdiction's or a missing one is <see cref="NotFoundException"/> (404).</summary>
    public static async Task<Review> FindReviewAsync(this ReviewsDbContext db, int id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await FindReview(db, id, ct) ?? throw new NotFoundException();
    }

    /// <summary>The review, untracked, for reading; another jurisdiction's or a missing one is <see cref="NotFoundException"/> (404).</summary>
    public static async Task<Review> ReadReviewAsync(this ReviewsDbContext db, int id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await ReadReview(db, id, ct) ?? throw new NotFoundException();
    }

    // Compiled once: most pages read their review this way, and a LINQ query is re-examined at every call.
    // The jurisdiction filter still applies (EF reads it from the context at each execution).
    private static readonly Func<ReviewsDbContext, int, CancellationToken, Task<Review?>> ReadReview = EF.CompileAsyncQuery(
        (ReviewsDbContext db, int id, CancellationToken _) => db.Reviews.AsNoTracking().SingleOrDefault(r => r.Id == id));

    // Compiled too: every change to a review loads it this way first.
    private static readonly Func<ReviewsDbContext, int, CancellationToken, Task<Review?>> FindReview = EF.CompileAsyncQuery(
        (ReviewsDbContext db, int id, CancellationToken _) => db.Reviews.SingleOrDefault(r => r.Id == id));

    /// <summary>
    /// Saves, turning EF's concurrency failure into the conflict users are told about.
    /// <paramref name="expectedVersion"/> is the version the user's form was loaded with.
    /// </summary>
    public static async Task SaveWithConcurrencyCheckAsync<TEntity>(
        this ReviewsDbContext db, TEntity entity, Guid expectedVersion, Func<TEntity, Guid> currentVersion, Action change, CancellationToken ct)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(currentVersion);
        ArgumentNullException.ThrowIfNull(change);
        if (currentVersion(entity) != expectedVersion)
        {
            throw new ConcurrencyConflictException();
        }

        // The WHERE clause of the UPDATE compares against the version the user saw, so a save that
        // races another one in between is refused by the database too.
        db.Entry(entity).Property("Version").OriginalValue = expectedVersion;
        change();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw new ConcurrencyConflictException(ConcurrencyConflictException.DefaultMessage, ex);
        }
    }
}
