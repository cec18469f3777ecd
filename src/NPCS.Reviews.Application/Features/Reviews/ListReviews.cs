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
            var total = await CountOf(db, stage, ct);
            var (page, pageCount) = Paging(total, requested);
            return (total == 0 ? [] : await PageOf(db, stage, (page - 1) * PageSize, PageSize).ToListAsync(ct), total, page, pageCount);
        }

        /// <summary>
        /// A search tests every index entry of the jurisdiction: it is done once, returning the matching
        /// ids in order (a case reference matches a few), which give the count and the page. A search
        /// that matches more than <see cref="SearchMatchesRead"/> (a digit or two) is counted and paged
        /// by the database as the lists are.
        /// </summary>
        private async Task<(List<ListRow> Rows, int Total, int Page, int PageCount)> SearchAsync(ReviewStage? stage, string key, int requested, CancellationToken ct)
        {
            var reviews = db.Reviews.AsNoTracking().Where(r => r.Number.Contains(key) || r.CaseReferenceKey.Contains(key));
            if (stage is not null)
            {
                reviews = reviews.Where(r => r.Stage == stage);
            }

            // Sorted by the deadline that applies at each stage (Review.DueOrder, stored and indexed);
            // reviews without a deadline (screened out, approved) go last.
            var ordered = reviews.OrderBy(r => r.DueOrder).ThenBy(r => r.Number);
            List<int>? matches = await ordered.Select(r => r.Id).Take(SearchMatchesRead + 1).ToListAsync(ct);
            if (matches.Count > SearchMatchesRead)
            {
                matches = null;
            }

            var total = matches?.Count ?? await reviews.CountAsync(ct);
            var (page, pageCount) = Paging(total, requested);
            var pageIds = matches?.Skip((page - 1) * PageSize).Take(PageSize).ToList();
            var rows = total == 0 ? []
                : await (pageIds is null ? ordered.Skip((page - 1) * PageSize).Take(PageSize) : ordered.Where(r => EF.Parameter(pageIds).Contains(r.Id)))
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

        // Compiled once: the list and its stage filter are most of what is asked, and a LINQ query is
        // rebuilt and looked up in EF Core's cache at every call. A null stage is left out of the SQL
        // (EF Core writes one text for a null parameter, one for a value). The jurisdiction filter applies.
        private static readonly Func<ReviewsDbContext, ReviewStage?, CancellationToken, Task<int>> CountOf = EF.CompileAsyncQuery(
            (ReviewsDbContext db, ReviewStage? stage, CancellationToken _) => db.Reviews.Count(r => stage == null || r.Stage == stage));

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
