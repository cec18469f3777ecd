using FluentValidation;
using Mediator;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Application.Features.Debrief;

/// <summary>The review's facilitator or a Supervisor schedules a debrief session (from the family-needs analysis on).</summary>
public static class ScheduleSession
{
    [Authorize(Roles.ReviewEditors)]
    public sealed class Command : SessionFields, ICommand<int>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(ReviewsDbContext db, JurisdictionClock clock, TimeProvider time) =>
            Include(new SessionFieldsValidator(db, clock, time));
    }

    public sealed class Handler(ReviewsDbContext db, ICurrentUser user) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var review = await db.FindReviewAsync(command.Id, cancellationToken);
            await DebriefTeam.EnsureCanManageAsync(db, user, review, cancellationToken);
            var session = review.ScheduleSession(command.ToDetails());
            db.DebriefSessions.Add(session);
            await db.SaveChangesAsync(cancellationToken);
            return session.Id;
        }
    }
}
