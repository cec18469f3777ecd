using Mediator;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.FollowUp;

/// <summary>One action of the jurisdiction, as its follow-up page shows it.</summary>
public static class GetAction
{
    [Authorize(Roles.ReviewReaders)]
    public sealed record Query(int ActionId) : IQuery<Result>;

    /// <summary>
    /// The action; Followable when the review is approved and the action adopted, so its status can be
    /// updated; CanUpdate when the user may update it (Administrators only read).
    /// </summary>
    public sealed record Result(
        FollowUpActions.Row Action,
        string Measure,
        string? StatusNote,
        DateOnly? StatusDate,
        ReviewStage ReviewStage,
        bool Followable,
        bool CanUpdate);

    public sealed class Handler(ReviewsDbContext db, JurisdictionClock clock, ICurrentUser user) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var (review, action) = await ReviewActionOf.LoadAsync(db, query.ActionId, cancellationToken);
            var today = await clock.TodayAsync(cancellationToken);
            var row = (await FollowUpActions.RowsAsync(db, [action.Id], today, cancellationToken)).Single();
            var followable = review.Stage == ReviewStage.Approved && action.Status is not (ActionStatus.Proposed or ActionStatus.NotAdopted);
            return new Result(row, action.Measure, action.StatusNote, action.StatusDate, review.Stage, followable, user.IsInAnyRole(Roles.ReviewEditors));
        }
    }
}
