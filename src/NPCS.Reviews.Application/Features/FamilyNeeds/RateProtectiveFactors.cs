using FluentValidation;
using Mediator;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.FamilyNeeds;

/// <summary>Rates the five Strengthening Families protective factors (present, partly present, absent, unknown), each with a note.</summary>
public static class RateProtectiveFactors
{
    [Authorize(Roles.ReviewEditors)]
    public sealed class Command : AnalysisForm, ICommand
    {
        public List<FactorInput> Factors { get; set; } = [];
    }

    public sealed class FactorInput
    {
        public ProtectiveFactor? Factor { get; set; }

        public FactorRating? Rating { get; set; }

        public string? Note { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Factors)
                .Must(list => list.Count == Enum.GetValues<ProtectiveFactor>().Length
                    && Enum.GetValues<ProtectiveFactor>().All(f => list.Count(i => i.Factor == f) == 1))
                .WithMessage("Rate each of the five protective factors once.");
            RuleForEach(x => x.Factors).ChildRules(factor =>
            {
                factor.RuleFor(f => f.Rating)
                    .NotNull().WithMessage("Choose a rating.")
                    .IsInEnum().WithMessage("Choose one of the listed ratings.");
                factor.RuleFor(f => f.Note)
                    .MaximumLength(ProtectiveFactorAssessment.NoteMaxLength)
                    .WithMessage($"The note can be at most {ProtectiveFactorAssessment.NoteMaxLength:N0} characters.");
            });
        }
    }

    public sealed class Handler(ReviewsDbContext db) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var ratings = command.Factors.Select(f => new FactorRatingInput(f.Factor!.Value, f.Rating!.Value, f.Note)).ToList();
            await FamilyNeedsAnalyses.SaveAsync(
                db, command.Id, command.Version, (review, analysis) => review.RateProtectiveFactors(analysis, ratings), cancellationToken);
            return Unit.Value;
        }
    }
}
