using Mediator;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Application.Features.Debrief;

/// <summary>Marks a scheduled session as held; the domain refuses it until the ground rules are recorded.</summary>
public static class MarkSessionHeld
{
    [Authorize(Roles.ReviewEditors)]
    public sealed record Command(int Id, int SessionId, Guid Version) : ICommand;

    public sealed class Handler(ReviewsDbContext db, ICurrentUser user) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var (review, session) = await ManagedSession.LoadAsync(db, user, command.Id, command.SessionId, tracked: true, cancellationToken);
            await db.SaveWithConcurrencyCheckAsync(
                session, command.Version, s => s.Version, () => review.MarkSessionHeld(session), cancellationToken);
            return Unit.Value;
        }
    }
}
