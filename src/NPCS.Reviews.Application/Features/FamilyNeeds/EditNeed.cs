using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Application.Features.FamilyNeeds;

/// <summary>Corrects a recorded need while the family-needs analysis is open.</summary>
public static class EditNeed
{
    [Authorize(Roles.ReviewEditors)]
    public sealed record Query(int Id, int NeedId) : IQuery<Command>;

    [Authorize(Roles.ReviewEditors)]
    public sealed class Command : NeedFields, ICommand
    {
        public int Id { get; set; }

        public int NeedId { get; set; }

        public Guid Version { get; set; }

        /// <summary>False once the analysis is complete (or before it starts): the page sends the user back.</summary>
        public bool Editable { get; set; } = true;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => Include(new NeedFieldsValidator());
    }

    public sealed class QueryHandler(ReviewsDbContext db) : IQueryHandler<Query, Command>
    {
        public async ValueTask<Command> Handle(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var review = await db.ReadReviewAsync(query.Id, cancellationToken);
            var need = await db.Needs.AsNoTracking().SingleOrDefaultAsync(n => n.Id == query.NeedId && n.ReviewId == review.Id, cancellationToken)
                ?? throw new NotFoundException();
            var command = new Command { Id = review.Id, NeedId = need.Id, Version = need.Version, Editable = review.FamilyNeedsEditable };
            command.CopyFrom(need);
            return command;
        }
    }

    public sealed class Handler(ReviewsDbContext db) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var (review, need) = await NeedLookup.LoadAsync(db, command.Id, command.NeedId, cancellationToken);
            await db.SaveWithConcurrencyCheckAsync(
                need, command.Version, n => n.Version, () => review.EditNeed(need, command.ToDetails()), cancellationToken);
            return Unit.Value;
        }
    }
}
