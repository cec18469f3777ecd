using FluentValidation;
using Mediator;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.Findings;

/// <summary>Marks an action as not adopted, with the reason, at stage Findings. It stays on the record; it no longer counts as the finding's action.</summary>
public static class NotAdoptAction
{
    [Authorize(Roles.ReviewEditors)]
    public sealed class Command : ICommand
    {
        /// <summary>The review.</summary>
        public int Id { get; set; }

        public int ActionId { get; set; }

        public Guid Version { get; set; }

        public string? Reason { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(x => x.Reason)
                .NotEmpty().WithMessage("Say why the action is not adopted.")
                .MaximumLength(ReviewAction.TextMaxLength).WithMessage($"The reason can be at most {ReviewAction.TextMaxLength} characters.");
    }

    public sealed class Handler(ReviewsDbContext db) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var (review, action) = await ReviewFinding.LoadActionAsync(db, command.Id, command.ActionId, cancellationToken);
            await db.SaveWithConcurrencyCheckAsync(
                action, command.Version, a => a.Version, () => review.NotAdoptAction(action, command.Reason!), cancellationToken);
            return Unit.Value;
        }
    }
}
