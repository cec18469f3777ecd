using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Application.Features.Intake;

/// <summary>A Supervisor assigns (or clears) the review's facilitator: a Facilitator of the same jurisdiction.</summary>
public static class AssignFacilitator
{
    [Authorize(Roles.Supervisor)]
    public sealed class Command : ICommand
    {
        public int Id { get; set; }

        public Guid Version { get; set; }

        public string? FacilitatorId { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(ReviewsDbContext db, TimeProvider time)
        {
            RuleFor(x => x.FacilitatorId)
                .MustAsync(async (id, ct) => (await Facilitators.ListAsync(db, time, ct)).Any(f => f.Id == id))
                .When(x => !string.IsNullOrEmpty(x.FacilitatorId))
                .WithMessage("Choose a facilitator from the list.");
        }
    }

    public sealed class Handler(ReviewsDbContext db, TimeProvider time) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var review = await db.FindReviewAsync(command.Id, cancellationToken);
            await db.SaveWithConcurrencyCheckAsync(
                review, command.Version, r => r.Version, () => review.AssignFacilitator(command.FacilitatorId, time.GetUtcNow()), cancellationToken);
            return Unit.Value;
        }
    }
}

public sealed record UserOption(string Id, string DisplayName);

public static class Facilitators
{
    /// <summary>Active (not locked) Facilitators of the current jurisdiction.</summary>
    public static async Task<List<UserOption>> ListAsync(ReviewsDbContext db, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var roleId = await db.Roles.Where(r => r.Name == Roles.Facilitator).Select(r => r.Id).SingleOrDefaultAsync(ct);
        var users = await db.JurisdictionUsers
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == roleId))
            .Select(u => new { u.Id, u.DisplayName, u.LockoutEnd })
            .ToListAsync(ct);
        var now = time.GetUtcNow();
        return [.. users
            .Where(u => u.LockoutEnd is null || u.LockoutEnd <= now)
            .OrderBy(u => u.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .Select(u => new UserOption(u.Id, u.DisplayName))];
    }
}
