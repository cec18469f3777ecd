using FluentValidation;
using Mediator;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.Debrief;

/// <summary>Saves the facilitator's notes of a session (confidential to the review team); only once the ground rules are recorded.</summary>
public static class SaveSessionNotes
{
    [Authorize(Roles.ReviewEditors)]
    public sealed class Command : ICommand
    {
        public int Id { get; set; }

        public int SessionId { get; set; }

        public Guid Version { get; set; }

        public string? Notes { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Notes)
                .MaximumLength(DebriefSession.NotesMaxLength)
                .WithMessage($"The notes can be at most {DebriefSession.NotesMaxLength:N0} characters.");
        }
    }

    public sealed class Handler(ReviewsDbContext db, ICurrentUser user) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var (review, session) = await ManagedSession.LoadAsync(db, user, command.Id, command.SessionId, tracked: true, cancellationToken);
            await db.SaveWithConcurrencyCheckAsync(
                session, command.Version, s => s.Version, () => review.SaveSessionNotes(session, command.Notes), cancellationToken);
            return Unit.Value;
        }
    }
}
