using FluentValidation;
using Mediator;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Application.Features.FamilyNeeds;

/// <summary>Records a need of the family: its category, whether the agency identified and met it, and what kept it unmet.</summary>
public static class AddNeed
{
    [Authorize(Roles.ReviewEditors)]
    public sealed class Command : NeedFields, ICommand
    {
        public int Id { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => Include(new NeedFieldsValidator());
    }

    public sealed class Handler(ReviewsDbContext db) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var review = await db.FindReviewAsync(command.Id, cancellationToken);
            db.Needs.Add(review.AddNeed(command.ToDetails()));
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
