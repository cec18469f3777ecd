using FluentValidation;
using Mediator;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Features.Debrief;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.Findings;

/// <summary>Changes a finding at stage Findings; it may keep a factor that has since been retired. A concurrent change is reported, not overwritten.</summary>
public static class EditFinding
{
    [Authorize(Roles.ReviewEditors)]
    public sealed record Query(int Id, int FindingId) : IQuery<Command>;

    [Authorize(Roles.ReviewEditors)]
    public sealed class Command : FindingFields, ICommand
    {
        public int FindingId { get; set; }

        public Guid Version { get; set; }

        /// <summary>False when the findings cannot change: the page sends the user back to the list.</summary>
        public bool Editable { get; set; } = true;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(ReviewsDbContext db) => Include(new FindingFieldsValidator(db));
    }

    public sealed class QueryHandler(ReviewsDbContext db) : IQueryHandler<Query, Command>
    {
        public async ValueTask<Command> Handle(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var (review, finding) = await ReviewFinding.LoadAsync(db, query.Id, query.FindingId, cancellationToken);
            var command = new Command { Id = review.Id, FindingId = finding.Id, Version = finding.Version, Editable = review.FindingsEditable };
            command.CopyFrom(finding);
            return command;
        }
    }

    public sealed class Handler(ReviewsDbContext db, ICurrentUser user) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var (review, finding) = await ReviewFinding.LoadAsync(db, command.Id, command.FindingId, cancellationToken);
            var (item, catalogVersion) = await ReviewFinding.FactorAsync(db, command.FactorItemId!.Value, finding, cancellationToken);
            var team = await DebriefTeam.OfAsync(db, user, review, cancellationToken);
            var details = new FindingDetails(
                item.Id, catalogVersion, command.Rating!.Value, command.Description!, command.NoActionReason, ReviewFinding.Evidence(command, finding, team.CanRead));
            await db.SaveWithConcurrencyCheckAsync(
                finding, command.Version, f => f.Version, () => review.EditFinding(finding, details, item), cancellationToken);
            return Unit.Value;
        }
    }
}
