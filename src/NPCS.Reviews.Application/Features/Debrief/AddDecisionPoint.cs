using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.Debrief;

/// <summary>
/// Records one decision point, stored at once so a closed browser loses at most the one being typed.
/// Captured in a session (whose ground rules must be recorded) or outside one.
/// </summary>
public static class AddDecisionPoint
{
    [Authorize(Roles.ReviewEditors)]
    public sealed class Command : DecisionPointFields, ICommand<int>
    {
        public int Id { get; set; }

        /// <summary>The session it is captured in, if any.</summary>
        public int? SessionId { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(JurisdictionClock clock) => Include(new DecisionPointFieldsValidator(clock));
    }

    /// <summary>Returns the number of the new point in its session (or in the review, outside a session), for "Decision point 3 saved."</summary>
    public sealed class Handler(ReviewsDbContext db, ICurrentUser user, TimeProvider time) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var review = await db.FindReviewAsync(command.Id, cancellationToken);
            await DebriefTeam.EnsureCanManageAsync(db, user, review, cancellationToken);
            DebriefSession? session = null;
            if (command.SessionId is { } sessionId)
            {
                session = await db.DebriefSessions.SingleOrDefaultAsync(s => s.Id == sessionId && s.ReviewId == review.Id, cancellationToken)
                    ?? throw new NotFoundException();
            }

            var linked = await command.LinkedEntryAsync(db, review.Id, cancellationToken);
            db.DecisionPoints.Add(review.AddDecisionPoint(session, command.ToDetails(), linked, time.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);
            return await db.DecisionPoints.CountAsync(p => p.ReviewId == review.Id && p.SessionId == command.SessionId, cancellationToken);
        }
    }
}
