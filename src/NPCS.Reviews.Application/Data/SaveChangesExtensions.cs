using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Common;

namespace NPCS.Reviews.Application.Data;

public static class SaveChangesExtensions
{
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
