using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Surveys;
using ValidationException = NPCS.Reviews.Application.Common.ValidationException;

namespace NPCS.Reviews.Application.Features.Surveys;

/// <summary>
/// Loads a survey instrument from JSON (an export of this application, or a licensed instrument a
/// jurisdiction typed in). A name and version already held is refused: versions never change once
/// waves may use them.
/// </summary>
public static class ImportInstrument
{
    [Authorize(Roles.Administrator)]
    public sealed class Command : ICommand<Result>
    {
        /// <summary>The uploaded file's bytes, or null when no file was chosen.</summary>
        public byte[]? File { get; set; }
    }

    public sealed record Result(string Name, int Version);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.File)
                .Must(f => f is { Length: > 0 }).WithMessage("Choose a JSON file to import.")
                .Must(f => f!.Length <= SurveyJson.MaxBytes)
                .When(x => x.File is { Length: > 0 }, ApplyConditionTo.CurrentValidator)
                .WithMessage("The file is larger than 1 MB; an instrument is much smaller. Check that you chose the right file.");
        }
    }

    public sealed class Handler(ReviewsDbContext db, ICurrentUser user, TimeProvider time) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var definition = SurveyJson.Parse(command.File!, nameof(Command.File));
            var name = definition.Name.Trim();
            if (await db.SurveyInstruments.AnyAsync(i => i.Name == name && i.Version == definition.Version, cancellationToken))
            {
                throw ValidationException.For(nameof(Command.File), $"{name} version {definition.Version} is already here. Give a changed instrument a higher version.");
            }

            db.SurveyInstruments.Add(new SurveyInstrument(user.RequireJurisdictionId(), definition, SurveyJson.Serialize(definition with { Name = name }), time.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);
            return new Result(name, definition.Version);
        }
    }
}
