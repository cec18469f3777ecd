using FluentValidation;
using Mediator;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.FamilyNeeds;

/// <summary>Answers the guided bias-reflection prompts (<see cref="FamilyNeedsAnalysis.BiasPrompts"/>) in free text.</summary>
public static class SaveBiasReflection
{
    /// <summary>One property per prompt, named by the prompt's key, so the page can bind each textarea by key.</summary>
    [Authorize(Roles.ReviewEditors)]
    public sealed class Command : AnalysisForm, ICommand
    {
        public string? Assumptions { get; set; }

        public string? CultureAndRace { get; set; }

        public string? Poverty { get; set; }

        public string? Disability { get; set; }

        public string? OtherFamily { get; set; }

        public string? AnswerTo(string key) => key switch
        {
            nameof(Assumptions) => Assumptions,
            nameof(CultureAndRace) => CultureAndRace,
            nameof(Poverty) => Poverty,
            nameof(Disability) => Disability,
            nameof(OtherFamily) => OtherFamily,
            _ => throw new ArgumentOutOfRangeException(nameof(key), key, "Not a bias prompt."),
        };

        public void CopyFrom(BiasReflectionAnswers answers)
        {
            ArgumentNullException.ThrowIfNull(answers);
            (Assumptions, CultureAndRace, Poverty, Disability, OtherFamily) =
                (answers.Assumptions, answers.CultureAndRace, answers.Poverty, answers.Disability, answers.OtherFamily);
        }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        private static readonly string TooLong = $"An answer can be at most {FamilyNeedsAnalysis.AnswerMaxLength:N0} characters.";

        public Validator()
        {
            RuleFor(x => x.Assumptions).MaximumLength(FamilyNeedsAnalysis.AnswerMaxLength).WithMessage(TooLong);
            RuleFor(x => x.CultureAndRace).MaximumLength(FamilyNeedsAnalysis.AnswerMaxLength).WithMessage(TooLong);
            RuleFor(x => x.Poverty).MaximumLength(FamilyNeedsAnalysis.AnswerMaxLength).WithMessage(TooLong);
            RuleFor(x => x.Disability).MaximumLength(FamilyNeedsAnalysis.AnswerMaxLength).WithMessage(TooLong);
            RuleFor(x => x.OtherFamily).MaximumLength(FamilyNeedsAnalysis.AnswerMaxLength).WithMessage(TooLong);
        }
    }

    public sealed class Handler(ReviewsDbContext db) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var answers = new BiasReflectionAnswers(command.Assumptions, command.CultureAndRace, command.Poverty, command.Disability, command.OtherFamily);
            await FamilyNeedsAnalyses.SaveAsync(
                db, command.Id, command.Version, (review, analysis) => review.ReflectOnBias(analysis, answers), cancellationToken);
            return Unit.Value;
        }
    }
}
