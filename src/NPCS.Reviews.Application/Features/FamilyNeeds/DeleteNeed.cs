using Mediator;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Application.Features.FamilyNeeds;

/// <summary>Removes a need recorded by mistake. The version the user saw guards against removing a need someone has just changed.</summary>
public static class DeleteNeed
{
    [Authorize(Roles.ReviewEditors)]
    public sealed record Command(int Id, int NeedId, Guid Version) : ICommand;

    public sealed class Handler(ReviewsDbContext db) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var (review, need) = await NeedLookup.LoadAsync(db, command.Id, command.NeedId, cancellationToken);
            await db.SaveWithConcurrencyCheckAsync(
                need,
                command.Version,
                n => n.Version,
                () =>
                {
                    review.RemoveNeed(need);
                    db.Needs.Remove(need);
                },
                cancellationToken);
            return Unit.Value;
        }
    }
}
