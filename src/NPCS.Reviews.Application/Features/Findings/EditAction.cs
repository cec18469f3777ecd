using FluentValidation;
using Mediator;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Application.Features.Findings;

/// <summary>Changes an action at stage Findings. A concurrent change is reported, not overwritten.</summary>
public static class EditAction
{
    [Authorize(Roles.ReviewEditors)]
    public sealed record Query(int Id, int ActionId) : IQuery<Command>;

    [Authorize(Roles.ReviewEditors)]
    public sealed class Command : ActionFields, ICommand
    {
        public int ActionId { get; set; }

        public Guid Version { get; set; }

        /// <summary>False when the findings cannot change: the page sends the user back to the list.</summary>
        public bool Editable { get; set; } = true;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(JurisdictionClock clock) => Include(new ActionFieldsValidator(clock, isNew: false));
    }

    public sealed class QueryHandler(ReviewsDbContext db) : IQueryHandler<Query, Command>
    {
        public async ValueTask<Command> Handle(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var (review, action) = await ReviewFinding.LoadActionAsync(db, query.Id, query.ActionId, cancellationToken);
            var command = new Command { Id = review.Id, ActionId = action.Id, Version = action.Version, Editable = review.FindingsEditable };
            command.CopyFrom(action);
            return command;
        }
    }

    public sealed class Handler(ReviewsDbContext db) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var (review, action) = await ReviewFinding.LoadActionAsync(db, command.Id, command.ActionId, cancellationToken);
            await db.SaveWithConcurrencyCheckAsync(
                action, command.Version, a => a.Version, () => review.EditAction(action, command.ToDetails()), cancellationToken);
            return Unit.Value;
        }
    }
}
