using Mediator;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Application.Features.Intake;

/// <summary>Moves the review from Intake to Family needs. The domain refuses it at any other stage.</summary>
public static class CompleteIntake
{
    [Authorize(Roles.ReviewEditors)]
    public sealed record Command(int Id, Guid Version) : ICommand;

    public sealed class Handler(ReviewsDbContext db, TimeProvider time) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var review = await db.FindReviewAsync(command.Id, cancellationToken);
            await db.SaveWithConcurrencyCheckAsync(
                review, command.Version, r => r.Version, () => review.CompleteIntake(time.GetUtcNow()), cancellationToken);
            return Unit.Value;
        }
    }
}
