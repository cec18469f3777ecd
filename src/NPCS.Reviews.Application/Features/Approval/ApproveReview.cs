using Mediator;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Application.Features.Approval;

/// <summary>A Supervisor (not the one who submitted it) approves the review: it is locked and its proposed actions become approved.</summary>
public static class ApproveReview
{
    [Authorize(Roles.Supervisor)]
    public sealed record Command(int Id, Guid Version) : ICommand;

    public sealed class Handler(ReviewsDbContext db, ICurrentUser user, TimeProvider time) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var review = await db.FindReviewAsync(command.Id, cancellationToken);
            var actions = await db.ReviewActions.Where(a => a.ReviewId == review.Id).ToListAsync(cancellationToken);
            await db.SaveWithConcurrencyCheckAsync(
                review, command.Version, r => r.Version, () => review.Approve(actions, user.UserId!, time.GetUtcNow()), cancellationToken);
            return Unit.Value;
        }
    }
}
