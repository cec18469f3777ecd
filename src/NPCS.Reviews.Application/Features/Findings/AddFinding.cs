using FluentValidation;
using Mediator;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Features.Debrief;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.Findings;

/// <summary>Records a finding at stage Findings, coded with an item of the current catalog. Returns the new finding's id.</summary>
public static class AddFinding
{
    [Authorize(Roles.ReviewEditors)]
    public sealed class Command : FindingFields, ICommand<int>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(ReviewsDbContext db) => Include(new FindingFieldsValidator(db));
    }

    public sealed class Handler(ReviewsDbContext db, ICurrentUser user) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var review = await ReviewFinding.ReviewAsync(db, command.Id, cancellationToken);
            var (item, catalogVersion) = await ReviewFinding.FactorAsync(db, command.FactorItemId!.Value, null, cancellationToken);
            var team = await DebriefTeam.OfAsync(db, user, review, cancellationToken);
            var details = new FindingDetails(
                item.Id, catalogVersion, command.Rating!.Value, command.Description!, command.NoActionReason, ReviewFinding.Evidence(command, null, team.CanRead));
            var finding = review.AddFinding(details, item);
            db.Findings.Add(finding);
            await db.SaveChangesAsync(cancellationToken);
            return finding.Id;
        }
    }
}
