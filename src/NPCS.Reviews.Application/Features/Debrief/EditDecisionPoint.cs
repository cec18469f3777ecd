using FluentValidation;
using Mediator;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Features.Reviews;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.Debrief;

/// <summary>Corrects a decision point while the review is at Debrief; a change saved by someone else in between is reported, not overwritten.</summary>
public static class EditDecisionPoint
{
    [Authorize(Roles.ReviewEditors)]
    public sealed record Query(int Id, int PointId) : IQuery<Result>;

    /// <summary>The form pre-filled (with its Version), and what the page shows around it.</summary>
    public sealed record Result(ReviewHeader Header, Command Data, IReadOnlyList<ChronologyItem> Chronology)
    {
        public bool Editable => Header.Stage == ReviewStage.Debrief;
    }

    [Authorize(Roles.ReviewEditors)]
    public sealed class Command : DecisionPointFields, ICommand
    {
        public int Id { get; set; }

        public int PointId { get; set; }

        public Guid Version { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(JurisdictionClock clock) => Include(new DecisionPointFieldsValidator(clock));
    }

    public sealed class QueryHandler(ReviewsDbContext db, ICurrentUser user) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var (review, point) = await ManagedDecisionPoint.LoadAsync(db, user, query.Id, query.PointId, tracked: false, cancellationToken);
            var command = new Command { Id = review.Id, PointId = point.Id, Version = point.Version };
            command.CopyFrom(point);
            return new Result(
                await ReviewHeader.ForAsync(db, user, review, cancellationToken),
                command,
                await ChronologyItem.ListAsync(db, review.Id, cancellationToken));
        }
    }

    public sealed class Handler(ReviewsDbContext db, ICurrentUser user) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var (review, point) = await ManagedDecisionPoint.LoadAsync(db, user, command.Id, command.PointId, tracked: true, cancellationToken);
            var linked = await command.LinkedEntryAsync(db, review.Id, cancellationToken);
            await db.SaveWithConcurrencyCheckAsync(
                point, command.Version, p => p.Version, () => review.EditDecisionPoint(point, command.ToDetails(), linked), cancellationToken);
            return Unit.Value;
        }
    }
}
