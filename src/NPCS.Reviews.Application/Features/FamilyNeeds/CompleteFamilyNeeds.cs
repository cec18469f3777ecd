using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.FamilyNeeds;

/// <summary>Moves the review from Family needs to Debrief: needs at least one recorded need, or "no unmet needs identified" with a reason.</summary>
public static class CompleteFamilyNeeds
{
    [Authorize(Roles.ReviewEditors)]
    public sealed class Command : ICommand
    {
        public int Id { get; set; }

        public Guid Version { get; set; }

        /// <summary>The user states that the analysis found no unmet needs (only counted when no need is recorded).</summary>
        public bool NoUnmetNeeds { get; set; }

        public string? NoUnmetNeedsReason { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.NoUnmetNeedsReason)
                .NotEmpty().WithMessage("Say why no unmet needs were identified.")
                .When(x => x.NoUnmetNeeds, ApplyConditionTo.CurrentValidator);
            RuleFor(x => x.NoUnmetNeedsReason)
                .MaximumLength(Review.ReasonMaxLength).WithMessage($"Keep the reason under {Review.ReasonMaxLength} characters.");
        }
    }

    public sealed class Handler(ReviewsDbContext db, TimeProvider time) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var review = await db.FindReviewAsync(command.Id, cancellationToken);
            var needs = await db.Needs.CountAsync(n => n.ReviewId == review.Id, cancellationToken);
            var reason = command.NoUnmetNeeds ? command.NoUnmetNeedsReason : null;
            await db.SaveWithConcurrencyCheckAsync(
                review, command.Version, r => r.Version, () => review.CompleteFamilyNeeds(needs, reason, time.GetUtcNow()), cancellationToken);
            return Unit.Value;
        }
    }
}
