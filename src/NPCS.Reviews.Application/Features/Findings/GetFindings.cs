using Mediator;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Features.Reviews;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Catalog;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.Findings;

/// <summary>
/// The review's findings with their evidence and actions, and what the forms offer: the current
/// catalog's items by domain and this review's own records as evidence. Decision points are
/// confidential to the debrief team, so others see only that one is linked.
/// </summary>
public static class GetFindings
{
    public const string HiddenDecisionPoint = "A decision point (confidential to the debrief team)";

    private const int ShortText = 80;

    [Authorize(Roles.ReviewReaders)]
    public sealed record Query(int Id) : IQuery<Result>;

    public sealed record Factor(int Id, string Code, string Name, string? Guidance, string Domain, bool Retired);

    public sealed record FactorGroup(string Domain, IReadOnlyList<Factor> Items);

    public sealed record Evidence(EvidenceKind Kind, int TargetId, string Label);

    public sealed record ActionRow(
        int Id, string WhatWillBeDone, ActionStrength Strength, string OwnerName, string OwnerUnit, DateOnly DueDate, string Measure, ActionStatus Status, string? StatusNote, Guid Version);

    public sealed record FindingView(int Id, Factor Factor, int Rating, string Description, string? NoActionReason, IReadOnlyList<Evidence> Evidence, IReadOnlyList<ActionRow> Actions, Guid Version)
    {
        public string RatingMeaning => FindingRating.Meaning(Rating);

        /// <summary>Rated 2 or 3 with no adopted action and no reason: submitting will be refused until this is answered.</summary>
        public bool MissingAction => FindingRating.NeedsAction(Rating) && NoActionReason is null && !Actions.Any(a => a.Status != ActionStatus.NotAdopted);
    }

    /// <summary>The latest return: the Supervisor's comments, who returned it and on which day (the agency's date).</summary>
    public sealed record Returned(string Comments, string? By, DateOnly? On);

    /// <summary>
    /// Editable: findings may change here and now, by this user; ReadOnlyReason says why not.
    /// AllActionsWeaker: every (adopted) action is "weaker", a nudge to look for stronger ones, never a block.
    /// </summary>
    public sealed record Result(
        ReviewHeader Header,
        IReadOnlyList<FindingView> Findings,
        IReadOnlyList<FactorGroup> Factors,
        IReadOnlyList<Evidence> EvidenceOptions,
        bool AllActionsWeaker,
        bool Editable,
        string? ReadOnlyReason,
        Returned? Return,
        bool CanSubmit);

    public sealed class Handler(ReviewsDbContext db, ICurrentUser user, JurisdictionClock clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var review = await db.ReadReviewAsync(query.Id, cancellationToken);
            var header = await ReviewHeader.ForAsync(db, user, review, cancellationToken);
            var team = header.Team;

            // Every catalog of the jurisdiction: a finding keeps its item even once retired or superseded by an import.
            // Their items with their domains, as one query of the columns shown.
            var items = await CatalogItems(db).ToListAsync(cancellationToken);
            var allFactors = items
                .Select(i => (i.IsCurrent, i.DomainOrder, Factor: new Factor(i.Id, i.Code, i.Name, i.Guidance, i.Domain, i.RetiredInVersion is not null), i.ItemOrder))
                .ToList();
            var groups = allFactors
                .Where(f => f.IsCurrent && !f.Factor.Retired)
                .GroupBy(f => (f.Factor.Domain, f.DomainOrder))
                .OrderBy(g => g.Key.DomainOrder)
                .Select(g => new FactorGroup(g.Key.Domain, [.. g.OrderBy(f => f.ItemOrder).Select(f => f.Factor)]))
                .ToList();
            var byId = allFactors.GroupBy(f => f.Factor.Id).ToDictionary(g => g.Key, g => g.First().Factor);

            var options = await EvidenceOptionsAsync(review.Id, team.CanRead, cancellationToken);
            var labels = options.ToDictionary(o => (o.Kind, o.TargetId), o => o.Label);

            var findings = await FindingsOf(db, review.Id).ToListAsync(cancellationToken);
            var actions = await ActionsOf(db, review.Id).ToListAsync(cancellationToken);
            var views = findings.Select(f => new FindingView(
                f.Id,
                byId.TryGetValue(f.FactorItemId, out var factor) ? factor : new Factor(f.FactorItemId, "?", "Unknown factor", null, string.Empty, true),
                f.Rating,
                f.Description,
                f.NoActionReason,
                [.. f.Evidence.OrderBy(e => e.Kind).ThenBy(e => e.TargetId).Select(e => new Evidence(e.Kind, e.TargetId, LabelOf(e.Kind, e.TargetId, labels)))],
                [.. actions.Where(a => a.FindingId == f.Id).Select(a => new ActionRow(
                    a.Id, a.WhatWillBeDone, a.Strength, a.OwnerName, a.OwnerUnit, a.DueDate, a.Measure, a.Status, a.StatusNote, a.Version))],
                f.Version)).ToList();

            var adopted = actions.Where(a => a.Status != ActionStatus.NotAdopted).ToList();
            var allWeaker = adopted.Count > 0 && adopted.All(a => a.Strength == ActionStrength.Weaker);
            var reason = ReadOnlyReason(review, header.CanEdit);
            Returned? returned = null;
            if (review.ReturnComments is not null)
            {
                var by = review.ReturnedByUserId is null
                    ? null
                    : await db.JurisdictionUsers.Where(u => u.Id == review.ReturnedByUserId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken);
                DateOnly? on = review.ReturnedAt is { } at ? await clock.DateOfAsync(at, cancellationToken) : null;
                returned = new Returned(review.ReturnComments, by, on);
            }

            return new Result(header, views, groups, options, allWeaker, reason is null, reason, returned, reason is null && team.CanManage);
        }

        private static string LabelOf(EvidenceKind kind, int id, Dictionary<(EvidenceKind, int), string> labels) =>
            labels.TryGetValue((kind, id), out var label) ? label
            : kind == EvidenceKind.DecisionPoint ? HiddenDecisionPoint
            : $"A {kind.DisplayName().ToLowerInvariant()} that was removed";

        private async Task<List<Evidence>> EvidenceOptionsAsync(int reviewId, bool canReadDebrief, CancellationToken ct)
        {
            var options = new List<Evidence>();
            if (canReadDebrief)
            {
                var points = await PointsOf(db, reviewId).ToListAsync(ct);
                options.AddRange(points.Select(p => new Evidence(
                    EvidenceKind.DecisionPoint, p.Id, $"{p.Date:d MMM yyyy}, {p.Role.DisplayName()}: {Short(p.Decision)}")));
            }

            var needs = await NeedsOf(db, reviewId).ToListAsync(ct);
            options.AddRange(needs.Select(n => new Evidence(EvidenceKind.Need, n.Id, $"{n.Category.DisplayName()}: {Short(n.Description)}")));
            var entries = await EntriesOf(db, reviewId).ToListAsync(ct);
            options.AddRange(entries.Select(e => new Evidence(
                EvidenceKind.ChronologyEntry, e.Id, $"{e.Date:d MMM yyyy}, {e.Source.DisplayName()}: {Short(e.WhatHappened)}")));
            return options;
        }

        // Compiled once (the page's queries are the same at every call; a LINQ query is rebuilt and looked
        // up in EF Core's cache each time). The jurisdiction filters still apply at each execution.
        private static readonly Func<ReviewsDbContext, IAsyncEnumerable<CatalogItem>> CatalogItems = EF.CompileAsyncQuery(
            (ReviewsDbContext db) =>
                from c in db.FactorCatalogs
                join d in db.Set<FactorDomain>() on c.Id equals d.CatalogId
                join i in db.Set<FactorItem>() on d.Id equals i.DomainId
                select new CatalogItem(c.IsCurrent, d.Order, d.Name, i.Id, i.Code, i.Name, i.Guidance, i.RetiredInVersion, i.Order));

        private static readonly Func<ReviewsDbContext, int, IAsyncEnumerable<Finding>> FindingsOf = EF.CompileAsyncQuery<ReviewsDbContext, int, Finding>(
            (ReviewsDbContext db, int reviewId) => db.Findings.AsNoTracking().Where(f => f.ReviewId == reviewId).OrderBy(f => f.Id));

        private static readonly Func<ReviewsDbContext, int, IAsyncEnumerable<ReviewAction>> ActionsOf = EF.CompileAsyncQuery<ReviewsDbContext, int, ReviewAction>(
            (ReviewsDbContext db, int reviewId) => db.ReviewActions.AsNoTracking().Where(a => a.ReviewId == reviewId).OrderBy(a => a.Id));

        private static readonly Func<ReviewsDbContext, int, IAsyncEnumerable<PointOption>> PointsOf = EF.CompileAsyncQuery(
            (ReviewsDbContext db, int reviewId) => db.DecisionPoints.Where(p => p.ReviewId == reviewId).OrderBy(p => p.Date).ThenBy(p => p.Id)
                .Select(p => new PointOption(p.Id, p.Date, p.Role, p.Decision)));

        private static readonly Func<ReviewsDbContext, int, IAsyncEnumerable<NeedOption>> NeedsOf = EF.CompileAsyncQuery(
            (ReviewsDbContext db, int reviewId) => db.Needs.Where(n => n.ReviewId == reviewId).OrderBy(n => n.Id)
                .Select(n => new NeedOption(n.Id, n.Category, n.Description)));

        private static readonly Func<ReviewsDbContext, int, IAsyncEnumerable<EntryOption>> EntriesOf = EF.CompileAsyncQuery(
            (ReviewsDbContext db, int reviewId) => db.ChronologyEntries.Where(e => e.ReviewId == reviewId).OrderBy(e => e.Date).ThenBy(e => e.Id)
                .Select(e => new EntryOption(e.Id, e.Date, e.Source, e.WhatHappened)));

        private sealed record CatalogItem(bool IsCurrent, int DomainOrder, string Domain, int Id, string Code, string Name, string? Guidance, int? RetiredInVersion, int ItemOrder);

        private sealed record PointOption(int Id, DateOnly Date, DeciderRole Role, string Decision);

        private sealed record NeedOption(int Id, NeedCategory Category, string Description);

        private sealed record EntryOption(int Id, DateOnly Date, ChronologySource Source, string WhatHappened);

        private static string Short(string text)
        {
            var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            return flat.Length <= ShortText ? flat : string.Concat(flat.AsSpan(0, ShortText).TrimEnd(), "…");
        }

        private static string? ReadOnlyReason(Review review, bool userMayEdit) => review.Stage switch
        {
            < ReviewStage.Findings => "Findings are recorded once the debrief is complete.",
            ReviewStage.Approval => "The review is waiting for approval: a Supervisor must return it before its findings change.",
            ReviewStage.Approved => "The review is approved and locked. A Supervisor can reopen it with a reason.",
            _ when !userMayEdit => "Your role can read the findings but not change them.",
            _ => null,
        };
    }
}
