using FluentValidation;
using Mediator;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.Intake;

/// <summary>A Supervisor decides a screened-out incident is reviewed after all, with a written reason that is kept.</summary>
public static class OverrideScreenOut
{
    [Authorize(Roles.Supervisor)]
    public sealed class Command : ICommand
    {
        public int Id { get; set; }

        public Guid Version { get; set; }

        public string? Reason { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Reason)
                .NotEmpty().WithMessage("Write why this incident should be reviewed.")
                .MaximumLength(Review.ReasonMaxLength).WithMessage($"The reason can be at most {Review.ReasonMaxLength:N0} characters.");
        }
    }

    public sealed class Handler(ReviewsDbContext db, ICurrentUser user, TimeProvider time) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var review = await db.FindReviewAsync(command.Id, cancellationToken);
            await db.SaveWithConcurrencyCheckAsync(
                review, command.Version, r => r.Version,
                () => review.OverrideScreenOut(command.Reason!, user.RequireUserId(), time.GetUtcNow()), cancellationToken);
            return Unit.Value;
        }
    }
}
