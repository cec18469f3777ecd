using Mediator;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Application.Features.Findings;

/// <summary>Deletes an action at stage Findings. Version is the action's, as the user saw it.</summary>
public static class DeleteAction
{
    [Authorize(Roles.ReviewEditors)]
    public sealed record Command(int Id, int ActionId, Guid Version) : ICommand;

    public sealed class Handler(ReviewsDbContext db) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var (review, action) = await ReviewFinding.LoadActionAsync(db, command.Id, command.ActionId, cancellationToken);
            await db.SaveWithConcurrencyCheckAsync(
                action,
                command.Version,
                a => a.Version,
                () =>
                {
                    review.RemoveAction(action);
                    db.ReviewActions.Remove(action);
                },
                cancellationToken);
            return Unit.Value;
        }
    }
}
