using Mediator;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Application.Features.Debrief;

/// <summary>Takes a participant off a session; the domain keeps anyone who agreed to the ground rules.</summary>
public static class RemoveParticipant
{
    [Authorize(Roles.ReviewEditors)]
    public sealed record Command(int Id, int SessionId, int ParticipantId, Guid Version) : ICommand;

    public sealed class Handler(ReviewsDbContext db, ICurrentUser user) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var (review, session) = await SessionOf.LoadForManagerAsync(db, user, command.Id, command.SessionId, cancellationToken);
            await db.SaveWithConcurrencyCheckAsync(
                session, command.Version, s => s.Version, () => review.RemoveParticipant(session, command.ParticipantId), cancellationToken);
            return Unit.Value;
        }
    }
}
