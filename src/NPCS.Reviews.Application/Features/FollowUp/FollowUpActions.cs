using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
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
    /// Which followed-up actions: of one status, of one strength, whose owner's name or unit holds
    /// <paramref name="Owner"/> (lower case), overdue on <paramref name="OverdueOn"/>; a null filter is left out.
    /// </summary>
    internal sealed record Filter(ActionStatus? Status = null, ActionStrength? Strength = null, string? Owner = null, DateOnly? OverdueOn = null);

    /// <summary>How many of the current jurisdiction's followed-up actions pass the filter.</summary>
    internal static Task<int> CountAsync(ReviewsDbContext db, Filter filter, CancellationToken ct) =>
        CountOf(db, db.ScopeJurisdictionId, filter.Status, filter.Strength, filter.Owner, filter.OverdueOn, ct);

    /// <summary>
    /// A page of them, soonest due first: the page's ids first, sorted from the indexes alone; then only
    /// those rows are read and projected (their review number and factor name looked up once per row
    /// shown, not once per action).
    /// </summary>
    internal static async Task<List<Row>> PageAsync(ReviewsDbContext db, Filter filter, int skip, int take, DateOnly today, CancellationToken ct)
    {
        var ids = await IdsOf(db, db.ScopeJurisdictionId, filter.Status, filter.Strength, filter.Owner, filter.OverdueOn, skip, take).ToListAsync(ct);
        return ids.Count == 0 ? [] : await RowsAsync(db, ids, today, ct);
    }

    /// <summary>
    /// The rows of these actions (any the user may see, followed up or not; the review's own filter
    /// applies), soonest due first, with the same overdue test as <see cref="Matching"/> inside the
    /// projection so the database computes it. A LINQ query, not a compiled one: the ids are one SQL
    /// parameter (<c>EF.Parameter</c>), so its SQL is one text EF Core caches whatever their number,
    /// and a compiled query cannot say so (EF Core 10 would write a parameter per id, and write that
    /// SQL again at every call).
    /// </summary>
    internal static async Task<List<Row>> RowsAsync(ReviewsDbContext db, List<int> ids, DateOnly today, CancellationToken ct) =>
        await db.ReviewActions.AsNoTracking()
            .Where(a => EF.Parameter(ids).Contains(a.Id))
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
                a.DueDate < today
                    && (a.Status == ActionStatus.Proposed || a.Status == ActionStatus.Approved || a.Status == ActionStatus.InProgress)))
            .ToListAsync(ct);

    /// <summary>
    /// The actions followed up in a jurisdiction, filtered: those of its approved reviews, found by the
    /// key the review keeps on each action while approved (<see cref="ReviewAction.FollowUpJurisdictionId"/>,
    /// its own jurisdiction) compared with the same scope the query filters use. That test is the
    /// review's filter made on the action itself, so the filter through the review is left out (it
    /// would look up every action's review). No scope, no actions. "Overdue" is past its due date
    /// and still open: a done or not-adopted action is never overdue. The open statuses are named
    /// (SQL "Status IN (1, 2, 3)") rather than the closed ones excluded, so the count is read from the
    /// (follow-up key, status, due date) index alone. Written once, then composed into the count and the page.
    /// </summary>
    private static readonly Expression<Func<ReviewsDbContext, int?, ActionStatus?, ActionStrength?, string?, DateOnly?, IQueryable<ReviewAction>>> Matching =
        (db, jurisdictionId, status, strength, owner, overdueOn) => db.ReviewActions.IgnoreQueryFilters(ReviewsDbContext.ThroughReviewFilters)
            .Where(a => a.FollowUpJurisdictionId != null && a.FollowUpJurisdictionId == jurisdictionId
                && (status == null || a.Status == status)
                && (strength == null || a.Strength == strength)
#pragma warning disable CA1304, CA1311, CA1862 // string.ToLower() is what EF Core translates to SQL LOWER(); the culture overloads are not translated.
                && (owner == null || a.OwnerName.ToLower().Contains(owner) || a.OwnerUnit.ToLower().Contains(owner))
#pragma warning restore CA1304, CA1311, CA1862
                && (overdueOn == null || (a.DueDate < overdueOn
                    && (a.Status == ActionStatus.Proposed || a.Status == ActionStatus.Approved || a.Status == ActionStatus.InProgress))));

    // The count and the page's ids compiled once, as the Actions page is among the most asked: a LINQ
    // query is rebuilt and looked up in EF Core's cache at every call, about a quarter of this page's
    // handler. Each filter is a nullable parameter, and EF Core writes one SQL text per combination of
    // null parameters, leaving the null filters out, so each text still reads one index range.
    private static readonly Func<ReviewsDbContext, int?, ActionStatus?, ActionStrength?, string?, DateOnly?, CancellationToken, Task<int>> CountOf =
        EF.CompileAsyncQuery(QueryComposition.Then<Func<ReviewsDbContext, int?, ActionStatus?, ActionStrength?, string?, DateOnly?, CancellationToken, int>>(
            Matching, (IQueryable<ReviewAction> actions, CancellationToken _) => actions.Count()));

    private static readonly Func<ReviewsDbContext, int?, ActionStatus?, ActionStrength?, string?, DateOnly?, int, int, IAsyncEnumerable<int>> IdsOf =
        EF.CompileAsyncQuery(QueryComposition.Then<Func<ReviewsDbContext, int?, ActionStatus?, ActionStrength?, string?, DateOnly?, int, int, IQueryable<int>>>(
            Matching, (IQueryable<ReviewAction> actions, int skip, int take) => actions.OrderBy(a => a.DueDate).ThenBy(a => a.Id).Skip(skip).Take(take).Select(a => a.Id)));
}
