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
            if (!string.IsNullOrEmpty(search))
            {
                var key = Review.KeyOf(search.Length > MaxSearchLength ? search[..MaxSearchLength] : search);
                reviews = reviews.Where(r => r.Number.Contains(key) || r.CaseReferenceKey.Contains(key));
            }

            var total = await reviews.CountAsync(cancellationToken);
            var pageCount = Math.Max(1, (int)Math.Ceiling(total / (double)PageSize));
            var page = Math.Clamp(query.Page, 1, pageCount);

            // Sorted by the deadline that applies at each stage (Review.DueOrder, stored and indexed);
            // reviews without a deadline (screened out, approved) go last.
            // Nothing matched: no page to read.
            var rows = total == 0 ? [] : await reviews
                .OrderBy(r => r.DueOrder)
                .ThenBy(r => r.Number)
                .Skip((page - 1) * PageSize)
                .Take(PageSize)
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
