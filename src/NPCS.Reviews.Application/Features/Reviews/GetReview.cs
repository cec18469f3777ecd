using Mediator;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Features.Intake;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.Reviews;

/// <summary>A review's overview: intake details, eligibility, deadlines and what the current user may do next.</summary>
public static class GetReview
{
    [Authorize(Roles.ReviewReaders)]
    public sealed record Query(int Id) : IQuery<Result>;

    public sealed record Result(
        ReviewHeader Header,
        Review Review,
        string CreatedByName,
        string? FacilitatorName,
        string? OverriddenByName,
        DateOnly RecordedOn,
        DateOnly? OverriddenOn,
        bool Overdue,
        bool CanEditIntake,
        bool CanCompleteIntake,
        bool CanOverrideScreenOut,
        bool CanAssignFacilitator,
        IReadOnlyList<UserOption> FacilitatorOptions,
        string? ReopenedByName,
        DateOnly? ReopenedOn);

    public sealed class Handler(ReviewsDbContext db, ICurrentUser user, TimeProvider time, JurisdictionClock clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var review = await db.ReadReviewAsync(query.Id, cancellationToken);

            string?[] ids = [review.CreatedByUserId, review.AssignedFacilitatorId, review.ScreenOutOverriddenByUserId, review.ReopenedByUserId];
            var names = await db.DisplayNamesAsync(ids, cancellationToken);
            string? NameOf(string? id) => id is null ? null : names.GetValueOrDefault(id, "(former user)");

            var editor = user.IsInAnyRole(Roles.ReviewEditors);
            var supervisor = user.IsInRole(Roles.Supervisor);
            var today = await clock.TodayAsync(cancellationToken);
            var canAssign = supervisor && review.Stage != ReviewStage.Approved;
            return new Result(
                await ReviewHeader.ForAsync(db, user, review, cancellationToken),
                review,
                NameOf(review.CreatedByUserId)!,
                NameOf(review.AssignedFacilitatorId),
                NameOf(review.ScreenOutOverriddenByUserId),
                await clock.DateOfAsync(review.CreatedAt, cancellationToken),
                review.ScreenOutOverriddenAt is { } overriddenAt ? await clock.DateOfAsync(overriddenAt, cancellationToken) : null,
                review.NextDue < today,
                editor && review.IntakeEditable,
                editor && review.Stage == ReviewStage.Intake,
                supervisor && review.Stage == ReviewStage.ScreenedOut,
                canAssign,
                canAssign ? await Facilitators.ListAsync(db, time, cancellationToken) : [],
                NameOf(review.ReopenedByUserId),
                review.ReopenedAt is { } reopenedAt ? await clock.DateOfAsync(reopenedAt, cancellationToken) : null);
        }
    }
}
