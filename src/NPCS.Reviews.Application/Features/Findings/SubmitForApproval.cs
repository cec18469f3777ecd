using Mediator;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Features.Debrief;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Application.Features.Findings;

/// <summary>
/// The review's facilitator (or a Supervisor) sends it to a Supervisor for approval once its findings
/// are complete; the domain says what is missing. Version is the review's, as the user saw it.
/// </summary>
public static class SubmitForApproval
{
    [Authorize(Roles.ReviewEditors)]
    public sealed class Command : ICommand
    {
        public int Id { get; set; }

        public Guid Version { get; set; }
    }

    public sealed class Handler(ReviewsDbContext db, ICurrentUser user, TimeProvider time) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var review = await ReviewFinding.ReviewAsync(db, command.Id, cancellationToken);
            if (!(await DebriefTeam.OfAsync(db, user, review, cancellationToken)).CanManage)
            {
                throw new ForbiddenAccessException("Only the review's facilitator or a Supervisor can submit it for approval.");
            }

            var findings = await db.Findings.Where(f => f.ReviewId == review.Id).ToListAsync(cancellationToken);
            var actions = await db.ReviewActions.Where(a => a.ReviewId == review.Id).ToListAsync(cancellationToken);
            await db.SaveWithConcurrencyCheckAsync(
                review, command.Version, r => r.Version, () => review.SubmitForApproval(findings, actions, user.RequireUserId(), time.GetUtcNow()), cancellationToken);
            return Unit.Value;
        }
    }
}
