using Mediator;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Application.Features.Chronology;

/// <summary>
/// Deletes a chronology entry while the review is before approval. Decision points that pointed at
/// it stay, with their own date, and lose the link. Version is the entry's, as the user saw it.
/// </summary>
public static class DeleteChronologyEntry
{
    [Authorize(Roles.ReviewEditors)]
    public sealed record Command(int Id, int EntryId, Guid Version) : ICommand;

    public sealed class Handler(ReviewsDbContext db) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var (review, entry) = await ReviewEntry.LoadAsync(db, command.Id, command.EntryId, cancellationToken);
            var linkedPoints = await db.DecisionPoints.Where(p => p.ChronologyEntryId == entry.Id).ToListAsync(cancellationToken);
            await db.SaveWithConcurrencyCheckAsync(
                entry,
                command.Version,
                e => e.Version,
                () =>
                {
                    review.RemoveChronologyEntry(entry, linkedPoints);
                    db.ChronologyEntries.Remove(entry);
                },
                cancellationToken);
            return Unit.Value;
        }
    }
}
