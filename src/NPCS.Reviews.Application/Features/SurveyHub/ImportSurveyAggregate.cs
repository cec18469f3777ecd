using System.Globalization;
using System.Text.Json;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Features.Surveys;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Surveys;
using ValidationException = NPCS.Reviews.Application.Common.ValidationException;

namespace NPCS.Reviews.Application.Features.SurveyHub;

/// <summary>
/// An NPCS Analyst imports a jurisdiction's survey aggregate (docs/schema/npcs-survey-aggregate.schema.json).
/// The file is checked whole first and refused whole with its problems; importing the same wave
/// again (jurisdiction, instrument version and dates) replaces it.
/// </summary>
public static class ImportSurveyAggregate
{
    public const int MaxBytes = 1024 * 1024;

    [Authorize(Roles.Analyst)]
    public sealed class Command : ICommand<Result>
    {
        public byte[]? File { get; set; }
    }

    public sealed record Result(string Jurisdiction, bool Replaced);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.File)
                .Must(f => f is { Length: > 0 }).WithMessage("Choose a survey aggregate file (JSON) to import.")
                .Must(f => f!.Length <= MaxBytes)
                .When(x => x.File is { Length: > 0 }, ApplyConditionTo.CurrentValidator)
                .WithMessage("The file is larger than 1 MB; a survey aggregate is much smaller. Check that you chose the right file.");
        }
    }

    public sealed class Handler(ReviewsDbContext db, ICurrentUser user, TimeProvider time) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            SurveyAggregate? aggregate;
            try
            {
                aggregate = JsonSerializer.Deserialize<SurveyAggregate>(command.File!, SurveyAggregate.JsonOptions);
            }
            catch (JsonException ex)
            {
                var at = ex.Path is { Length: > 0 } path ? $" at {path}" : string.Empty;
                throw ValidationException.For(nameof(Command.File), $"The file is not a survey aggregate in JSON{at}: a field is missing, unknown or of the wrong type. Use a file exported from a wave's results page.");
            }

            FileProblems.ThrowIfAny(Problems(aggregate), nameof(Command.File));

            var a = aggregate!;
            var existing = await db.SharedSurveyWaves.Where(w => w.JurisdictionCode == a.Jurisdiction && w.InstrumentName == a.Instrument.Name
                && w.InstrumentVersion == a.Instrument.Version && w.OpensOn == a.Wave.OpensOn && w.ClosesOn == a.Wave.ClosesOn).ToListAsync(cancellationToken);
            db.SharedSurveyWaves.RemoveRange(existing);
            var wave = new SharedSurveyWave(a.Jurisdiction, a.Instrument.Name, a.Instrument.Version, a.Wave.OpensOn, a.Wave.ClosesOn, a.Overall.Responses, user.RequireUserId(), time.GetUtcNow());
            foreach (var group in a.Units.Prepend(a.Overall))
            {
                foreach (var domain in group.Domains)
                {
                    wave.Add(group.Name, domain.Code, domain.Name, domain.Mean, domain.Count);
                }
            }

            db.SharedSurveyWaves.Add(wave);

            // The old rows go and the new ones come in one save: a failed import leaves the previous one.
            await db.SaveChangesAsync(cancellationToken);
            return new Result(a.Jurisdiction, existing.Count > 0);
        }
    }

    /// <summary>Everything wrong with a parsed aggregate; the words name the field, never echo a value.</summary>
    internal static IEnumerable<string> Problems(SurveyAggregate? a)
    {
        if (a is null)
        {
            yield return "The file is empty.";
            yield break;
        }

        if (a.SchemaVersion != SurveyAggregate.CurrentSchemaVersion)
        {
            yield return $"schemaVersion must be \"{SurveyAggregate.CurrentSchemaVersion}\".";
        }

        if (a.Jurisdiction is not { Length: >= 2 and <= SharedExtract.JurisdictionCodeMaxLength } || !a.Jurisdiction.All(char.IsAsciiLetterUpper))
        {
            yield return $"jurisdiction must be the jurisdiction's code: 2 to {SharedExtract.JurisdictionCodeMaxLength} capital letters.";
        }

        if (a.Wave is null)
        {
            yield return "wave (opensOn, closesOn) is missing.";
        }
        else if (a.Wave.ClosesOn < a.Wave.OpensOn)
        {
            yield return "wave.closesOn cannot be before wave.opensOn.";
        }

        if (a.Instrument is null || string.IsNullOrWhiteSpace(a.Instrument.Name) || a.Instrument.Name.Length > InstrumentDefinition.NameMaxLength || a.Instrument.Version < 1)
        {
            yield return $"instrument needs a name of at most {InstrumentDefinition.NameMaxLength} characters and a version from 1.";
        }

        if (a.MinimumGroupSize < SurveyOptions.Floor)
        {
            yield return $"minimumGroupSize must be at least {SurveyOptions.Floor}.";
        }

        if (a.Overall is null)
        {
            yield return "overall is missing.";
            yield break;
        }

        if (a.Units is null)
        {
            yield return "units is missing (an empty list when no unit met the minimum).";
            yield break;
        }

        var minimum = Math.Max(a.MinimumGroupSize, SurveyOptions.Floor);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (group, where) in a.Units.Select((u, i) => (u, string.Create(CultureInfo.InvariantCulture, $"units[{i}]"))).Prepend((a.Overall, "overall")))
        {
            if (group is null)
            {
                yield return $"{where} is empty.";
                continue;
            }

            if (where == "overall" ? group.Name is not null : string.IsNullOrWhiteSpace(group.Name) || group.Name.Length > SurveyUnit.NameMaxLength || !names.Add(group.Name))
            {
                yield return where == "overall" ? "overall.name must be null." : $"{where}.name must be a unit name of at most {SurveyUnit.NameMaxLength} characters, each unit once.";
            }

            if (group.Responses < minimum)
            {
                yield return $"{where}.responses is below the minimum group size: a group that small must not be shared.";
            }

            if (group.Domains is null)
            {
                yield return $"{where}.domains is missing.";
                continue;
            }

            var codes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var d = 0; d < group.Domains.Count; d++)
            {
                var domain = group.Domains[d];
                var at = string.Create(CultureInfo.InvariantCulture, $"{where}.domains[{d}]");
                if (domain is null || string.IsNullOrWhiteSpace(domain.Code) || domain.Code.Length > SurveyDomainDefinition.CodeMaxLength || !codes.Add(domain.Code)
                    || string.IsNullOrWhiteSpace(domain.Name) || domain.Name.Length > SurveyDomainDefinition.NameMaxLength)
                {
                    yield return $"{at} needs a code (at most {SurveyDomainDefinition.CodeMaxLength} characters, once per group) and a name (at most {SurveyDomainDefinition.NameMaxLength}).";
                    continue;
                }

                if (!double.IsFinite(domain.Mean) || domain.Mean < 0 || domain.Mean > 100)
                {
                    yield return $"{at}.mean must be a number from 0 to 100.";
                }

                if (domain.Count < minimum || domain.Count > group.Responses)
                {
                    yield return $"{at}.count must be between the minimum group size and the group's responses.";
                }
            }
        }
    }
}
