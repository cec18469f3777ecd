using FluentValidation;
using Mediator;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Application.Features.Debrief;

/// <summary>Changes the date, time, place or facilitator of a session that is still scheduled.</summary>
public static class RescheduleSession
{
    [Authorize(Roles.ReviewEditors)]
    public sealed record Query(int Id, int SessionId) : IQuery<Command>;

    [Authorize(Roles.ReviewEditors)]
    public sealed class Command : SessionFields, ICommand
    {
        public int SessionId { get; set; }

        public Guid Version { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(ReviewsDbContext db, JurisdictionClock clock, TimeProvider time) =>
            Include(new SessionFieldsValidator(db, clock, time));
    }

    public sealed class QueryHandler(ReviewsDbContext db, ICurrentUser user) : IQueryHandler<Query, Command>
    {
        public async ValueTask<Command> Handle(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var (_, session) = await SessionOf.LoadForManagerAsync(db, user, query.Id, query.SessionId, cancellationToken);
            return new Command
            {
                Id = query.Id,
                SessionId = session.Id,
                Version = session.Version,
                Date = session.Date,
                StartTime = session.StartTime,
                Location = session.Location,
                FacilitatorId = session.FacilitatorId,
            };
        }
    }

    public sealed class Handler(ReviewsDbContext db, ICurrentUser user) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var (review, session) = await SessionOf.LoadForManagerAsync(db, user, command.Id, command.SessionId, cancellationToken);
            await db.SaveWithConcurrencyCheckAsync(
                session, command.Version, s => s.Version, () => review.RescheduleSession(session, command.ToDetails()), cancellationToken);
            return Unit.Value;
        }
    }
}
