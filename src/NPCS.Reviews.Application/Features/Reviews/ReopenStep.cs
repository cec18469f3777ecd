using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.Reviews;

/// <summary>A Supervisor takes the review back to a completed step (intake, family needs, debrief, or an approved review's findings) to correct it, with a reason kept in the history.</summary>
public static class ReopenStep
{
    [Authorize(Roles.Supervisor)]
    public sealed class Command : ICommand
    {
        public int Id { get; set; }

        public Guid Version { get; set; }

        public ReviewStage? Step { get; set; }

        public string? Reason { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Step)
                .NotNull().WithMessage("Choose the step to reopen.")
                .Must(s => s is ReviewStage.Intake or ReviewStage.FamilyNeeds or ReviewStage.Debrief or ReviewStage.Findings).WithMessage("Choose the step to reopen from the list.");
            RuleFor(x => x.Reason)
                .NotEmpty().WithMessage("Give the reason for reopening.")
                .MaximumLength(Review.ReasonMaxLength).WithMessage($"Keep the reason under {Review.ReasonMaxLength} characters.");
        }
    }

    public sealed class Handler(ReviewsDbContext db, ICurrentUser user, TimeProvider time) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var review = await db.FindReviewAsync(command.Id, cancellationToken);

            // All of its actions, as approval takes them: reopening an approved review takes them off the follow-up list.
            var actions = await db.ReviewActions.Where(a => a.ReviewId == review.Id).ToListAsync(cancellationToken);
            await db.SaveWithConcurrencyCheckAsync(
                review,
                command.Version,
                r => r.Version,
                () => review.Reopen(command.Step!.Value, actions, command.Reason!, user.RequireUserId(), time.GetUtcNow()),
                cancellationToken);
            return Unit.Value;
        }
    }
}
