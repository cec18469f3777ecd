using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Application.Features.Intake;

/// <summary>Corrects the intake while the review is still at intake (or screened out); eligibility is decided again.</summary>
public static class EditIntake
{
    [Authorize(Roles.ReviewEditors)]
    public sealed record Query(int Id) : IQuery<Command>;

    [Authorize(Roles.ReviewEditors)]
    public sealed class Command : IntakeFields, ICommand
    {
        public int Id { get; set; }

        public Guid Version { get; set; }

        public string Number { get; set; } = string.Empty;

        /// <summary>False once the intake is complete: the page sends the user back to the overview.</summary>
        public bool Editable { get; set; } = true;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(JurisdictionClock clock, ReviewsDbContext db)
        {
            Include(new IntakeFieldsValidator(clock));
            RuleFor(x => x.CaseReference)
                .MustAsync((command, reference, ct) => CaseReferences.IsFreeAsync(db, reference, command.Id, ct))
                .When(x => !string.IsNullOrWhiteSpace(x.CaseReference))
                .WithMessage(CaseReferences.TakenMessage);
        }
    }

    public sealed class QueryHandler(ReviewsDbContext db) : IQueryHandler<Query, Command>
    {
        public async ValueTask<Command> Handle(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var review = await db.ReadReviewAsync(query.Id, cancellationToken);
            var command = new Command { Id = review.Id, Version = review.Version, Number = review.Number, Editable = review.IntakeEditable };
            command.CopyFrom(review);
            return command;
        }
    }

    public sealed class Handler(ReviewsDbContext db, TimeProvider time) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var review = await db.FindReviewAsync(command.Id, cancellationToken);
            var policy = await db.Jurisdictions.Where(j => j.Id == review.JurisdictionId).Select(j => j.Policy).SingleAsync(cancellationToken);
            try
            {
                await db.SaveWithConcurrencyCheckAsync(
                    review, command.Version, r => r.Version, () => review.UpdateIntake(command.ToDetails(), policy, time.GetUtcNow()), cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Someone may have taken the same case reference between validation and save.
                if (!await CaseReferences.IsFreeAsync(db, command.CaseReference, command.Id, cancellationToken))
                {
                    throw Common.ValidationException.For(nameof(Command.CaseReference), CaseReferences.TakenMessage);
                }

                throw;
            }

            return Unit.Value;
        }
    }
}
