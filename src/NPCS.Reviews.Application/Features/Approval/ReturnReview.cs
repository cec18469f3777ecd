using FluentValidation;
using Mediator;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.Approval;

/// <summary>A Supervisor sends the review back to Findings with comments the facilitator sees on the review.</summary>
public static class ReturnReview
{
    [Authorize(Roles.Supervisor)]
    public sealed record Command : ICommand
    {
        public int Id { get; set; }

        public Guid Version { get; init; }

        public string? Comments { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Comments)
                .NotEmpty().WithMessage("Tell the facilitator what to change before the review can be approved.")
                .MaximumLength(Review.CommentsMaxLength).WithMessage($"Keep the comments to {Review.CommentsMaxLength} characters or fewer.");
        }
    }

    public sealed class Handler(ReviewsDbContext db, ICurrentUser user, TimeProvider time) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var review = await db.FindReviewAsync(command.Id, cancellationToken);
            await db.SaveWithConcurrencyCheckAsync(
                review, command.Version, r => r.Version, () => review.Return(command.Comments!, user.UserId!, time.GetUtcNow()), cancellationToken);
            return Unit.Value;
        }
    }
}
