using FluentValidation;
using Mediator;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.FamilyNeeds;

/// <summary>Records whether the family or community was engaged in the review, how, and what they said. Every field is optional.</summary>
public static class SaveFamilyVoice
{
    [Authorize(Roles.ReviewEditors)]
    public sealed class Command : AnalysisForm, ICommand
    {
        public YesNoUnknown? Engaged { get; set; }

        public string? How { get; set; }

        public string? WhatTheySaid { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Engaged).IsInEnum().WithMessage("Choose Yes, No or Unknown, or leave it unanswered.");
            RuleFor(x => x.How)
                .MaximumLength(FamilyNeedsAnalysis.AnswerMaxLength)
                .WithMessage($"How they were engaged can be at most {FamilyNeedsAnalysis.AnswerMaxLength:N0} characters.");
            RuleFor(x => x.WhatTheySaid)
                .MaximumLength(FamilyNeedsAnalysis.AnswerMaxLength)
                .WithMessage($"What they said can be at most {FamilyNeedsAnalysis.AnswerMaxLength:N0} characters.");
        }
    }

    public sealed class Handler(ReviewsDbContext db) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var voice = new FamilyVoiceDetails(command.Engaged, command.How, command.WhatTheySaid);
            await FamilyNeedsAnalyses.SaveAsync(
                db, command.Id, command.Version, (review, analysis) => review.RecordFamilyVoice(analysis, voice), cancellationToken);
            return Unit.Value;
        }
    }
}
