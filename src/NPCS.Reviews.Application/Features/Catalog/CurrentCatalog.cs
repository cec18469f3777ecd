using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Domain.Catalog;

namespace NPCS.Reviews.Application.Features.Catalog;

/// <summary>Loads the jurisdiction's current catalog and saves a change to it without overwriting a concurrent one.</summary>
internal static class CurrentCatalog
{
    public static async Task<FactorCatalog> LoadAsync(ReviewsDbContext db, CancellationToken ct) =>
        await db.FactorCatalogs.AsSplitQuery().SingleOrDefaultAsync(c => c.IsCurrent, ct) ?? throw new NotFoundException();

    /// <summary>
    /// The catalog's token is <see cref="FactorCatalog.Concurrency"/>, not a property named Version
    /// (Version is the number users see), so the shared review helper does not fit it.
    /// </summary>
    public static async Task SaveAsync(ReviewsDbContext db, FactorCatalog catalog, Guid expected, Action change, CancellationToken ct)
    {
        if (catalog.Concurrency != expected)
        {
            throw new ConcurrencyConflictException();
        }

        db.Entry(catalog).Property(c => c.Concurrency).OriginalValue = expected;
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
