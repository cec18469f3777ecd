using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Surveys;

namespace NPCS.Reviews.Application.Features.Surveys;

/// <summary>An Administrator opens a survey wave: title, instrument version, dates and the units with how many are invited in each.</summary>
public static class OpenWave
{
    /// <summary>Rows the form offers for units; empty rows are ignored.</summary>
    public const int UnitRows = 8;

    [Authorize(Roles.Administrator)]
    public sealed class Command : ICommand<int>
    {
        public string? Title { get; set; }

        public int? InstrumentId { get; set; }

        public DateOnly? OpensOn { get; set; }

        public DateOnly? ClosesOn { get; set; }

        public List<UnitRow> Units { get; set; } = [];
    }

    public sealed class UnitRow
    {
        public string? Name { get; set; }

        public int? Invited { get; set; }

        public bool IsEmpty => string.IsNullOrWhiteSpace(Name) && Invited is null;
    }

    /// <summary>The empty form with the instruments to choose from, and today's date as the agency sees it.</summary>
    [Authorize(Roles.Administrator)]
    public sealed record FormQuery : IQuery<Form>;

    public sealed record Form(IReadOnlyList<InstrumentChoice> Instruments, DateOnly Today);

    public sealed record InstrumentChoice(int Id, string Label);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Title).NotEmpty().WithMessage("Enter a title.")
                .MaximumLength(SurveyWave.TitleMaxLength).WithMessage($"The title can be at most {SurveyWave.TitleMaxLength} characters.");
            RuleFor(x => x.InstrumentId).NotNull().WithMessage("Choose an instrument.");
            RuleFor(x => x.OpensOn).NotNull().WithMessage("Enter the opening date.");
            RuleFor(x => x.ClosesOn).NotNull().WithMessage("Enter the closing date.")
                .GreaterThanOrEqualTo(x => x.OpensOn).When(x => x.OpensOn is not null && x.ClosesOn is not null)
                .WithMessage("The closing date cannot be before the opening date.");
            RuleFor(x => x.Units).Must(u => u is not null && u.Any(r => r is not null && !r.IsEmpty)).WithMessage("List at least one unit, with how many people are invited in it.")
                .Must(u => u is null || u.Count <= SurveyWave.MaxUnits).WithMessage($"A wave covers at most {SurveyWave.MaxUnits} units.");
            RuleForEach(x => x.Units).ChildRules(row =>
            {
                row.RuleFor(r => r.Name).NotEmpty().When(r => !r.IsEmpty).WithMessage("Name the unit.")
                    .MaximumLength(SurveyUnit.NameMaxLength).WithMessage($"A unit's name can be at most {SurveyUnit.NameMaxLength} characters.");
                row.RuleFor(r => r.Invited).NotNull().When(r => !r.IsEmpty).WithMessage("Enter how many people are invited.")
                    .InclusiveBetween(1, SurveyWave.MaxInvitedPerUnit).WithMessage($"Between 1 and {SurveyWave.MaxInvitedPerUnit} people.");
            }).When(x => x.Units is not null && x.Units.Count <= SurveyWave.MaxUnits);
            RuleFor(x => x.Units)
                .Must(u => u.Where(r => r is { Name: not null }).Select(r => r.Name!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Count() == u.Count(r => r is { Name: not null }))
                .When(x => x.Units is not null)
                .WithMessage("Each unit can be listed only once.");
        }
    }

    public sealed class FormHandler(ReviewsDbContext db, JurisdictionClock clock) : IQueryHandler<FormQuery, Form>
    {
        public async ValueTask<Form> Handle(FormQuery query, CancellationToken cancellationToken)
        {
            var instruments = await db.SurveyInstruments.OrderBy(i => i.Name).ThenByDescending(i => i.Version)
                .Select(i => new { i.Id, i.Name, i.Version }).ToListAsync(cancellationToken);
            return new Form([.. instruments.Select(i => new InstrumentChoice(i.Id, $"{i.Name}, version {i.Version}"))], await clock.TodayAsync(cancellationToken));
        }
    }

    public sealed class Handler(ReviewsDbContext db, ICurrentUser user, TimeProvider time) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            // The form offers only the jurisdiction's own instruments: another id is a hand-made request.
            if (!await db.SurveyInstruments.AnyAsync(i => i.Id == command.InstrumentId, cancellationToken))
            {
                throw new NotFoundException();
            }

            var wave = new SurveyWave(
                user.RequireJurisdictionId(),
                command.InstrumentId!.Value,
                command.Title!,
                command.OpensOn!.Value,
                command.ClosesOn!.Value,
                command.Units.Where(r => !r.IsEmpty).Select(r => (r.Name!, r.Invited!.Value)),
                time.GetUtcNow());
            db.SurveyWaves.Add(wave);
            await db.SaveChangesAsync(cancellationToken);
            return wave.Id;
        }
    }
}
