using FluentValidation;
using Mediator;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.Debrief;

/// <summary>Adds a person from outside the agency (police, hospital, school...) to a session: name, role and agency.</summary>
public static class AddOutsideParticipant
{
    [Authorize(Roles.ReviewEditors)]
    public sealed class Command : SessionChange, ICommand
    {
        public string? Name { get; set; }

        public string? Role { get; set; }

        public ParticipantAgency? Agency { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Name).Cascade(CascadeMode.Stop)
                .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Enter the participant's name.")
                .MaximumLength(SessionParticipant.NameMaxLength)
                .WithMessage($"The name must be at most {SessionParticipant.NameMaxLength} characters.");
            RuleFor(x => x.Role).ParticipantRole();
            RuleFor(x => x.Agency).Cascade(CascadeMode.Stop)
                .NotNull().WithMessage("Choose the agency they work for.")
                .IsInEnum().WithMessage("Choose an agency from the list.");
        }
    }

    public sealed class Handler(ReviewsDbContext db, ICurrentUser user) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var (review, session) = await SessionOf.LoadForManagerAsync(db, user, command.Id, command.SessionId, cancellationToken);
            await db.SaveWithConcurrencyCheckAsync(
                session,
                command.Version,
                s => s.Version,
                () => review.AddOutsideParticipant(session, command.Name!.Trim(), command.Role!.Trim(), command.Agency!.Value),
                cancellationToken);
            return Unit.Value;
        }
    }
}
