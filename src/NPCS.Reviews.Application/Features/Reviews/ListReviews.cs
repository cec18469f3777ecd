using System.Linq.Expressions;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.Reviews;

/// <summary>The jurisdiction's reviews, soonest deadline first, filtered by stage and searched by number or case reference.</summary>
public static class ListReviews
{
    public const int PageSize = 25;
    public const int MaxSearchLength = 100;

    /// <summary>The most matching ids a search reads to count and page them itself.</summary>
    public const int SearchMatchesRead = 500;

    [Authorize(Roles.ReviewReaders)]
    public sealed record Query(ReviewStage? Stage = null, string? Search = null, int Page = 1) : IQuery<Result>;

    public sealed record Row(
        int Id,
        string Number,
        IncidentType IncidentType,
        DateOnly IncidentDate,
        ReviewStage Stage,
        DateOnly? NextDue,
        string? DueLabel,
        bool Overdue,
        string? FacilitatorName);

    public sealed record Result(IReadOnlyList<Row> Rows, int Total, int Page, int PageCount);

    public sealed class Handler(ReviewsDbContext db, JurisdictionClock clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            ReviewStage? stage = query.Stage is { } given && Enum.IsDefined(given) ? given : null;
            var search = query.Search?.Trim();
            var (rows, total, page, pageCount) = string.IsNullOrEmpty(search)
                ? await ListAsync(stage, query.Page, cancellationToken)
                : await SearchAsync(stage, Review.KeyOf(search.Length > MaxSearchLength ? search[..MaxSearchLength] : search), query.Page, cancellationToken);

            var today = await clock.TodayAsync(cancellationToken);
            return new Result(
                [.. rows.Select(r =>
                {
                    var due = Review.DueFor(r.Stage, r.FirstDebriefDue, r.CompletionDue);
                    var label = due is null ? null : r.Stage is ReviewStage.Intake or ReviewStage.FamilyNeeds ? "First debrief" : "Completion";
                    return new Row(r.Id, r.Number, r.IncidentType, r.IncidentDate, r.Stage, due, label, due < today, r.Facilitator);
                })],
                total,
                page,
                pageCount);
        }

        /// <summary>The list, or one stage of it: counted and paged by the database, with compiled queries.</summary>
        private async Task<(List<ListRow> Rows, int Total, int Page, int PageCount)> ListAsync(ReviewStage? stage, int requested, CancellationToken ct)
        {
            var total = await CountOf(db, stage, null, ct);
            var (page, pageCount) = Paging(total, requested);
            return (total == 0 ? [] : await PageOf(db, stage, (page - 1) * PageSize, PageSize).ToListAsync(ct), total, page, pageCount);
        }

        /// <summary>
        /// A search tests every index entry of the jurisdiction: it is done once, returning the matching
        /// ids in order (a case reference matches a few), which give the count and the page. A search
        /// that matches more than <see cref="SearchMatchesRead"/> (a digit or two) is counted and paged
        /// by the database as the lists are. Then only the page's rows are read.
        /// </summary>
        private async Task<(List<ListRow> Rows, int Total, int Page, int PageCount)> SearchAsync(ReviewStage? stage, string key, int requested, CancellationToken ct)
        {
            var matches = await IdsOf(db, stage, key, 0, SearchMatchesRead + 1).ToListAsync(ct);
            var many = matches.Count > SearchMatchesRead;
            var total = many ? await CountOf(db, stage, key, ct) : matches.Count;
            var (page, pageCount) = Paging(total, requested);
            var skip = (page - 1) * PageSize;
            var pageIds = many ? await IdsOf(db, stage, key, skip, PageSize).ToListAsync(ct) : [.. matches.Skip(skip).Take(PageSize)];

            // LINQ, not compiled: the ids are one SQL parameter (EF.Parameter), one SQL text EF Core caches
            // whatever their number, which a compiled query cannot say (EF Core 10 writes a parameter per id).
            var rows = pageIds.Count == 0 ? [] : await db.Reviews.AsNoTracking()
                .Where(r => EF.Parameter(pageIds).Contains(r.Id))
                .OrderBy(r => r.DueOrder).ThenBy(r => r.Number)
                .Select(r => new ListRow(r.Id, r.Number, r.IncidentType, r.IncidentDate, r.Stage, r.FirstDebriefDue, r.CompletionDue,
                    db.Users.Where(u => u.Id == r.AssignedFacilitatorId).Select(u => u.DisplayName).FirstOrDefault()))
                .ToListAsync(ct);
            return (rows, total, page, pageCount);
        }

        private static (int Page, int PageCount) Paging(int total, int requested)
        {
            var pageCount = Math.Max(1, (int)Math.Ceiling(total / (double)PageSize));
            return (Math.Clamp(requested, 1, pageCount), pageCount);
        }

        // Compiled once: the list, its stage filter and the search are most of what is asked, and a LINQ
        // query is rebuilt and looked up in EF Core's cache at every call. A null stage or search key is
        // left out of the SQL (EF Core writes one text for a null parameter, one for a value). The
        // jurisdiction filter applies. Lists are sorted by the deadline that applies at each stage
        // (Review.DueOrder, stored and indexed); reviews without a deadline (screened out, approved) go last.
        private static readonly Expression<Func<ReviewsDbContext, ReviewStage?, string?, IQueryable<Review>>> Matching =
            (db, stage, key) => db.Reviews.AsNoTracking()
                .Where(r => (stage == null || r.Stage == stage) && (key == null || r.Number.Contains(key) || r.CaseReferenceKey.Contains(key)));

        private static readonly Func<ReviewsDbContext, ReviewStage?, string?, CancellationToken, Task<int>> CountOf = EF.CompileAsyncQuery(
            QueryComposition.Then<Func<ReviewsDbContext, ReviewStage?, string?, CancellationToken, int>>(
                Matching, (IQueryable<Review> reviews, CancellationToken _) => reviews.Count()));

        private static readonly Func<ReviewsDbContext, ReviewStage?, string?, int, int, IAsyncEnumerable<int>> IdsOf = EF.CompileAsyncQuery(
            QueryComposition.Then<Func<ReviewsDbContext, ReviewStage?, string?, int, int, IQueryable<int>>>(
                Matching, (IQueryable<Review> reviews, int skip, int take) => reviews.OrderBy(r => r.DueOrder).ThenBy(r => r.Number).Skip(skip).Take(take).Select(r => r.Id)));

        private static readonly Func<ReviewsDbContext, ReviewStage?, int, int, IAsyncEnumerable<ListRow>> PageOf = EF.CompileAsyncQuery(
            (ReviewsDbContext db, ReviewStage? stage, int skip, int take) => db.Reviews.AsNoTracking()
                .Where(r => stage == null || r.Stage == stage)
                .OrderBy(r => r.DueOrder).ThenBy(r => r.Number)
                .Skip(skip).Take(take)
                .Select(r => new ListRow(r.Id, r.Number, r.IncidentType, r.IncidentDate, r.Stage, r.FirstDebriefDue, r.CompletionDue,
                    db.Users.Where(u => u.Id == r.AssignedFacilitatorId).Select(u => u.DisplayName).FirstOrDefault())));

        private sealed record ListRow(
            int Id, string Number, IncidentType IncidentType, DateOnly IncidentDate, ReviewStage Stage, DateOnly FirstDebriefDue, DateOnly CompletionDue, string? Facilitator);
    }
}
