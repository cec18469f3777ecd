using FluentValidation;
using Mediator;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Application.Features.Findings;

/// <summary>Adds a recommendation / action under a finding at stage Findings; it starts as proposed. Returns the new action's id.</summary>
public static class AddAction
{
    [Authorize(Roles.ReviewEditors)]
    public sealed class Command : ActionFields, ICommand<int>
    {
        public int FindingId { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(JurisdictionClock clock) => Include(new ActionFieldsValidator(clock, isNew: true));
    }

    public sealed class Handler(ReviewsDbContext db) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var (review, finding) = await ReviewFinding.LoadAsync(db, command.Id, command.FindingId, cancellationToken);
            var action = review.AddAction(finding, command.ToDetails());
            db.ReviewActions.Add(action);
            await db.SaveChangesAsync(cancellationToken);
            return action.Id;
        }
    }
}
