using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Domain.Catalog;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.Findings;

/// <summary>
/// Loads a review with one of its findings or actions, as the edit and delete use cases do. A review of
/// another jurisdiction, or a finding or action of another review, is not found.
/// </summary>
internal static class ReviewFinding
{
    public static async Task<Review> ReviewAsync(ReviewsDbContext db, int reviewId, CancellationToken ct) =>
        await db.FindReviewAsync(reviewId, ct);

    public static async Task<(Review Review, Finding Finding)> LoadAsync(ReviewsDbContext db, int reviewId, int findingId, CancellationToken ct)
    {
        var review = await ReviewAsync(db, reviewId, ct);
        var finding = await db.Findings.SingleOrDefaultAsync(f => f.Id == findingId && f.ReviewId == review.Id, ct)
            ?? throw new NotFoundException();
        return (review, finding);
    }

    public static async Task<(Review Review, ReviewAction Action)> LoadActionAsync(ReviewsDbContext db, int reviewId, int actionId, CancellationToken ct)
    {
        var review = await ReviewAsync(db, reviewId, ct);
        var action = await db.ReviewActions.SingleOrDefaultAsync(a => a.Id == actionId && a.ReviewId == review.Id, ct)
            ?? throw new NotFoundException();
        return (review, action);
    }

    /// <summary>
    /// The factor item a finding is coded with, and the catalog version to store: an item of the current
    /// catalog (not retired for a new choice), or the item the finding already had, whichever catalog it is in.
    /// A choice that is neither is refused beside the factor field.
    /// </summary>
    public static async Task<(FactorItem Item, int CatalogVersion)> FactorAsync(ReviewsDbContext db, int itemId, Finding? existing, CancellationToken ct)
    {
        var current = await db.FactorCatalogs.AsSplitQuery().SingleOrDefaultAsync(c => c.IsCurrent, ct);
        var item = current?.Items.SingleOrDefault(i => i.Id == itemId);
        if (item is not null && (!item.IsRetired || existing?.FactorItemId == itemId))
        {
            return (item, current!.Version);
        }

        if (existing is not null && existing.FactorItemId == itemId)
        {
            var catalogs = await db.FactorCatalogs.AsSplitQuery().ToListAsync(ct);
            var kept = catalogs.SelectMany(c => c.Items).SingleOrDefault(i => i.Id == itemId);
            if (kept is not null)
            {
                return (kept, existing.CatalogVersion);
            }
        }

        throw new ValidationException(new Dictionary<string, string[]>
        {
            [nameof(FindingFields.FactorItemId)] = [item is null ? "Choose a factor from the current catalog." : "That factor is retired: choose a current one."],
        });
    }

    /// <summary>
    /// Decision points are confidential to the debrief team: someone outside it neither sees nor
    /// changes them, so the finding keeps the links it had and the posted ones are ignored.
    /// </summary>
    public static IReadOnlyCollection<EvidenceLink> Evidence(FindingFields fields, Finding? existing, bool canReadDebrief)
    {
        var posted = fields.Evidence();
        if (canReadDebrief)
        {
            return posted;
        }

        var kept = existing?.Evidence.Where(e => e.Kind == EvidenceKind.DecisionPoint).Select(e => new EvidenceLink(e.Kind, e.TargetId)) ?? [];
        return [.. posted.Where(e => e.Kind != EvidenceKind.DecisionPoint), .. kept];
    }
}
