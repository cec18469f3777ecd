using FluentValidation;
using Mediator;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Application.Features.Debrief;

/// <summary>
/// The facilitator read the ground rules; the participants present agreed. Recorded again when
/// someone arrives late: the new list replaces the old one.
/// </summary>
public static class RecordGroundRules
{
    [Authorize(Roles.ReviewEditors)]
    public sealed class Command : ICommand
    {
        public int Id { get; set; }

        public int SessionId { get; set; }

        public Guid Version { get; set; }

        /// <summary>The participants who are present and agreed.</summary>
        public List<int> Agreed { get; set; } = [];
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Agreed)
                .NotEmpty().WithMessage("Tick everyone who is present and agreed to the ground rules: at least one participant.");
        }
    }

    public sealed class Handler(ReviewsDbContext db, ICurrentUser user, TimeProvider time) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var (review, session) = await ManagedSession.LoadAsync(db, user, command.Id, command.SessionId, tracked: true, cancellationToken);
            await db.SaveWithConcurrencyCheckAsync(
                session,
                command.Version,
                s => s.Version,
                () => review.RecordGroundRules(session, [.. command.Agreed.Distinct()], user.RequireUserId(), time.GetUtcNow()),
                cancellationToken);
            return Unit.Value;
        }
    }
}
