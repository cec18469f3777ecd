using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Features.Intake;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.Debrief;

/// <summary>Adds a member of staff (a user account of the jurisdiction) to a session, with their role in the case.</summary>
public static class AddStaffParticipant
{
    [Authorize(Roles.ReviewEditors)]
    public sealed class Command : SessionChange, ICommand
    {
        public string? UserId { get; set; }

        public string? Role { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(ReviewsDbContext db, TimeProvider time)
        {
            RuleFor(x => x.UserId).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Choose the member of staff.")
                .MustAsync(async (id, ct) => (await Staff.ListAsync(db, time, ct)).Any(u => u.Id == id))
                .WithMessage("Choose a member of staff from the list.");
            RuleFor(x => x.Role).ParticipantRole();
        }
    }

    public sealed class Handler(ReviewsDbContext db, ICurrentUser user) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var (review, session) = await SessionOf.LoadForManagerAsync(db, user, command.Id, command.SessionId, cancellationToken);
            var name = await db.JurisdictionUsers.Where(u => u.Id == command.UserId).Select(u => u.DisplayName).SingleAsync(cancellationToken);
            if (session.Participants.Any(p => p.UserId == command.UserId))
            {
                // Said beside the field rather than in the summary: the choice in the list is what to change.
                throw Common.ValidationException.For(nameof(Command.UserId), $"{name} is already a participant of this session.");
            }

            await db.SaveWithConcurrencyCheckAsync(
                session, command.Version, s => s.Version, () => review.AddStaffParticipant(session, command.UserId!, name, command.Role!.Trim()), cancellationToken);
            return Unit.Value;
        }
    }
}

/// <summary>The staff who can take part in a debrief: active (not locked out) users of the current jurisdiction.</summary>
public static class Staff
{
    public static async Task<List<UserOption>> ListAsync(ReviewsDbContext db, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        var users = await db.JurisdictionUsers.Select(u => new { u.Id, u.DisplayName, u.LockoutEnd }).ToListAsync(ct);
        return [.. users
            .Where(u => u.LockoutEnd is null || u.LockoutEnd <= now)
            .OrderBy(u => u.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .Select(u => new UserOption(u.Id, u.DisplayName))];
    }
}

internal static class ParticipantRules
{
    /// <summary>A participant's role in the case: required, short free text.</summary>
    public static IRuleBuilderOptions<T, string?> ParticipantRole<T>(this IRuleBuilderInitial<T, string?> rule) => rule
        .Cascade(CascadeMode.Stop)
        .Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("Enter their role in the case, for example Investigator.")
        .MaximumLength(SessionParticipant.RoleMaxLength)
        .WithMessage($"The role must be at most {SessionParticipant.RoleMaxLength} characters.");
}
