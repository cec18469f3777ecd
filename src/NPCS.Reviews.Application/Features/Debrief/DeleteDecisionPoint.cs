using Mediator;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Application.Features.Debrief;

/// <summary>Removes a decision point while the review is at Debrief, unless someone changed it since the list was loaded.</summary>
public static class DeleteDecisionPoint
{
    [Authorize(Roles.ReviewEditors)]
    public sealed record Command(int Id, int PointId, Guid Version) : ICommand;

    public sealed class Handler(ReviewsDbContext db, ICurrentUser user) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var (review, point) = await ManagedDecisionPoint.LoadAsync(db, user, command.Id, command.PointId, tracked: true, cancellationToken);
            await db.SaveWithConcurrencyCheckAsync(
                point,
                command.Version,
                p => p.Version,
                () =>
                {
                    review.RemoveDecisionPoint(point);
                    db.DecisionPoints.Remove(point);
                },
                cancellationToken);
            return Unit.Value;
        }
    }
}
