using Mediator;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Application.Features.Findings;

/// <summary>Deletes a finding and its actions in one save, at stage Findings. Version is the finding's, as the user saw it.</summary>
public static class DeleteFinding
{
    [Authorize(Roles.ReviewEditors)]
    public sealed record Command(int Id, int FindingId, Guid Version) : ICommand;

    public sealed class Handler(ReviewsDbContext db) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var (review, finding) = await ReviewFinding.LoadAsync(db, command.Id, command.FindingId, cancellationToken);
            var actions = await db.ReviewActions.Where(a => a.FindingId == finding.Id && a.ReviewId == review.Id).ToListAsync(cancellationToken);
            await db.SaveWithConcurrencyCheckAsync(
                finding,
                command.Version,
                f => f.Version,
                () =>
                {
                    review.RemoveFinding(finding);
                    db.ReviewActions.RemoveRange(actions);
                    db.Findings.Remove(finding);
                },
                cancellationToken);
            return Unit.Value;
        }
    }
}
