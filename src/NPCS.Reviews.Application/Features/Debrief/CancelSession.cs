using FluentValidation;
using Mediator;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.Debrief;

/// <summary>Cancels a scheduled session, with the reason (it stays on the record, marked cancelled).</summary>
public static class CancelSession
{
    [Authorize(Roles.ReviewEditors)]
    public sealed class Command : SessionChange, ICommand
    {
        public string? Reason { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Reason).Cascade(CascadeMode.Stop)
                .Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("Enter the reason for cancelling the session.")
                .MaximumLength(DebriefSession.ReasonMaxLength)
                .WithMessage($"The reason must be at most {DebriefSession.ReasonMaxLength} characters.");
        }
    }

    public sealed class Handler(ReviewsDbContext db, ICurrentUser user) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var (review, session) = await SessionOf.LoadForManagerAsync(db, user, command.Id, command.SessionId, cancellationToken);
            await db.SaveWithConcurrencyCheckAsync(
                session, command.Version, s => s.Version, () => review.CancelSession(session, command.Reason!), cancellationToken);
            return Unit.Value;
        }
    }
}
