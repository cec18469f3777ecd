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
            var reviews = db.Reviews.AsNoTracking();
            if (query.Stage is { } stage && Enum.IsDefined(stage))
            {
                reviews = reviews.Where(r => r.Stage == stage);
            }

            var search = query.Search?.Trim();
            var searching = !string.IsNullOrEmpty(search);
            if (searching)
            {
                var key = Review.KeyOf(search!.Length > MaxSearchLength ? search[..MaxSearchLength] : search);
                reviews = reviews.Where(r => r.Number.Contains(key) || r.CaseReferenceKey.Contains(key));
            }

            // Sorted by the deadline that applies at each stage (Review.DueOrder, stored and indexed);
            // reviews without a deadline (screened out, approved) go last.
            var ordered = reviews.OrderBy(r => r.DueOrder).ThenBy(r => r.Number);

            // A search tests every index entry of the jurisdiction: it is done once, returning the
            // matching ids in order (a case reference matches a few), which give the count and the page.
            // A search that matches more than SearchMatchesRead (a digit or two) is counted and paged
            // by the database as the lists are.
            List<int>? matches = searching ? await ordered.Select(r => r.Id).Take(SearchMatchesRead + 1).ToListAsync(cancellationToken) : null;
            if (matches?.Count > SearchMatchesRead)
            {
                matches = null;
            }

            var total = matches?.Count ?? await reviews.CountAsync(cancellationToken);
            var pageCount = Math.Max(1, (int)Math.Ceiling(total / (double)PageSize));
            var page = Math.Clamp(query.Page, 1, pageCount);
            var pageIds = matches?.Skip((page - 1) * PageSize).Take(PageSize).ToList();
            var rows = total == 0 ? []
                : await (pageIds is null ? ordered.Skip((page - 1) * PageSize).Take(PageSize) : ordered.Where(r => EF.Parameter(pageIds).Contains(r.Id)))
                .Select(r => new
                {
                    r.Id,
                    r.Number,
                    r.IncidentType,
                    r.IncidentDate,
                    r.Stage,
                    r.FirstDebriefDue,
                    r.CompletionDue,
                    Facilitator = db.Users.Where(u => u.Id == r.AssignedFacilitatorId).Select(u => u.DisplayName).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken);

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
    }
}
