using FluentValidation;
using Mediator;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Application.Features.Chronology;

/// <summary>Corrects one chronology entry while the review is before approval; a concurrent change is reported, not overwritten.</summary>
public static class EditChronologyEntry
{
    [Authorize(Roles.ReviewEditors)]
    public sealed record Query(int Id, int EntryId) : IQuery<Command>;

    [Authorize(Roles.ReviewEditors)]
    public sealed class Command : ChronologyEntryFields, ICommand
    {
        /// <summary>The review.</summary>
        public int Id { get; set; }

        public int EntryId { get; set; }

        public Guid Version { get; set; }

        /// <summary>False once the chronology is locked: the page sends the user back to the list.</summary>
        public bool Editable { get; set; } = true;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(JurisdictionClock clock) => Include(new ChronologyEntryFieldsValidator(clock));
    }

    public sealed class QueryHandler(ReviewsDbContext db) : IQueryHandler<Query, Command>
    {
        public async ValueTask<Command> Handle(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var (review, entry) = await ReviewEntry.LoadAsync(db, query.Id, query.EntryId, cancellationToken);
            var command = new Command { Id = review.Id, EntryId = entry.Id, Version = entry.Version, Editable = review.ChronologyEditable };
            command.CopyFrom(entry);
            return command;
        }
    }

    public sealed class Handler(ReviewsDbContext db) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var (review, entry) = await ReviewEntry.LoadAsync(db, command.Id, command.EntryId, cancellationToken);
            await db.SaveWithConcurrencyCheckAsync(
                entry, command.Version, e => e.Version, () => review.EditChronologyEntry(entry, command.ToDetails()), cancellationToken);
            return Unit.Value;
        }
    }
}
