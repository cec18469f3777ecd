using Mediator;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Application.Features.Debrief;

/// <summary>Moves the review from Debrief to Findings: needs a held session with its ground rules recorded, and a decision point.</summary>
public static class CompleteDebrief
{
    [Authorize(Roles.ReviewEditors)]
    public sealed record Command(int Id, Guid Version) : ICommand;

    public sealed class Handler(ReviewsDbContext db, ICurrentUser user, TimeProvider time) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var review = await db.FindReviewAsync(command.Id, cancellationToken);
            await DebriefTeam.EnsureCanManageAsync(db, user, review, cancellationToken);
            var sessions = await db.DebriefSessions.AsNoTracking().Where(s => s.ReviewId == review.Id).ToListAsync(cancellationToken);
            var points = await db.DecisionPoints.CountAsync(p => p.ReviewId == review.Id, cancellationToken);
            await db.SaveWithConcurrencyCheckAsync(
                review, command.Version, r => r.Version, () => review.CompleteDebrief(sessions, points, time.GetUtcNow()), cancellationToken);
            return Unit.Value;
        }
    }
}
