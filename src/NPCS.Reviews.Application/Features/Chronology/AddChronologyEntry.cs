using FluentValidation;
using Mediator;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Application.Features.Chronology;

/// <summary>Adds one entry to the review's chronology (any stage from intake to findings). Returns the new entry's id.</summary>
public static class AddChronologyEntry
{
    [Authorize(Roles.ReviewEditors)]
    public sealed class Command : ChronologyEntryFields, ICommand<int>
    {
        /// <summary>The review.</summary>
        public int Id { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(JurisdictionClock clock) => Include(new ChronologyEntryFieldsValidator(clock));
    }

    public sealed class Handler(ReviewsDbContext db) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var review = await db.FindReviewAsync(command.Id, cancellationToken);
            var entry = review.AddChronologyEntry(command.ToDetails());
            db.ChronologyEntries.Add(entry);
            await db.SaveChangesAsync(cancellationToken);
            return entry.Id;
        }
    }
}
