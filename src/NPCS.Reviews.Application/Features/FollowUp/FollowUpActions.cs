using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Domain.Catalog;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.FollowUp;

/// <summary>
/// The actions that are followed up (those of approved reviews, in the user's jurisdiction by the
/// follow-up key the review keeps on them) and what "overdue" means, shared by the Actions page and the My work page.
/// </summary>
public static class FollowUpActions
{
    public sealed record Row(
        int ActionId,
        int ReviewId,
        string ReviewNumber,
        string? FactorName,
        string WhatWillBeDone,
        ActionStrength Strength,
        string OwnerName,
        string OwnerUnit,
        DateOnly DueDate,
        ActionStatus Status,
        Effectiveness? Effectiveness,
        bool Overdue);

    /// <summary>
    /// Past its due date and still open: a done or not-adopted action is never overdue. The open
    /// statuses are named (SQL "Status IN (1, 2, 3)") rather than the closed ones excluded, so the
    /// count is read from the (follow-up key, status, due date) index alone.
    /// </summary>
    internal static IQueryable<ReviewAction> Overdue(IQueryable<ReviewAction> actions, DateOnly today) =>
        actions.Where(a => a.DueDate < today
            && (a.Status == ActionStatus.Proposed || a.Status == ActionStatus.Approved || a.Status == ActionStatus.InProgress));

    /// <summary>Soonest due first, as a to-do list reads.</summary>
    internal static IQueryable<Row> Rows(ReviewsDbContext db, IQueryable<ReviewAction> actions, DateOnly today) =>
        actions
            .OrderBy(a => a.DueDate)
            .ThenBy(a => a.Id)
            .Select(a => new Row(
                a.Id,
                a.ReviewId,
                db.Reviews.Where(r => r.Id == a.ReviewId).Select(r => r.Number).First(),
                db.Findings.Where(f => f.Id == a.FindingId)
                    .SelectMany(f => db.Set<FactorItem>().Where(i => i.Id == f.FactorItemId).Select(i => i.Name))
                    .FirstOrDefault(),
                a.WhatWillBeDone,
                a.Strength,
                a.OwnerName,
                a.OwnerUnit,
                a.DueDate,
                a.Status,
                a.Effectiveness,
                // The same test as Overdue, inside the projection so the database computes it.
                a.DueDate < today
                    && (a.Status == ActionStatus.Proposed || a.Status == ActionStatus.Approved || a.Status == ActionStatus.InProgress)));
}
