using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.Intake;

/// <summary>Records a critical incident: the domain decides eligibility, numbers it and sets its deadlines.</summary>
public static class CreateReview
{
    [Authorize(Roles.ReviewEditors)]
    public sealed class Command : IntakeFields, ICommand<Result>
    {
    }

    public sealed record Result(int Id, string Number, bool ScreenedOut);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(JurisdictionClock clock, ReviewsDbContext db)
        {
            Include(new IntakeFieldsValidator(clock));
            RuleFor(x => x.CaseReference)
                .MustAsync((reference, ct) => CaseReferences.IsFreeAsync(db, reference, exceptReviewId: null, ct))
                .When(x => !string.IsNullOrWhiteSpace(x.CaseReference))
                .WithMessage(CaseReferences.TakenMessage);
        }
    }

    public sealed class Handler(ReviewsDbContext db, ICurrentUser user, JurisdictionClock clock) : ICommandHandler<Command, Result>
    {
        private const int MaxNumberAttempts = 10;

        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var jurisdiction = await db.Jurisdictions.SingleOrDefaultAsync(j => j.Id == user.RequireJurisdictionId(), cancellationToken)
                ?? throw new ForbiddenAccessException("Your account does not belong to a jurisdiction.");
            var details = command.ToDetails();
            var now = clock.Now;
            var year = jurisdiction.Today(now).Year;

            // Numbers are sequential per jurisdiction and year: the last one is read and the next saved in
            // one transaction. On SQLite that transaction takes the write lock first (BEGIN IMMEDIATE), so
            // writers take turns and the number read is still the last when it is saved. On SQL Server two
            // saves can still read the same last number; the unique index refuses the second, which then
            // waits a moment and takes the next. A bounded retry with no transaction and no pause gave up
            // on SQLite too, when four people saved at once on a busy machine.
            var userId = user.RequireUserId();
            var strategy = db.Database.CreateExecutionStrategy();
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await strategy.ExecuteAsync(
                        async ct =>
                        {
                            db.ChangeTracker.Clear();
                            await using var transaction = await db.Database.BeginTransactionAsync(ct);
                            var last = await db.Reviews
                                .Where(r => r.NumberYear == year)
                                .MaxAsync(r => (int?)r.NumberSequence, ct) ?? 0;
                            var review = Review.Record(jurisdiction, details, year, last + 1, userId, now);
                            db.Reviews.Add(review);
                            await db.SaveChangesAsync(ct);
                            await transaction.CommitAsync(ct);
                            return new Result(review.Id, review.Number, review.IsScreenedOut);
                        },
                        cancellationToken);
                }
                catch (DbUpdateException) when (attempt < MaxNumberAttempts)
                {
                    // The refused review (and its history line) is forgotten at the next attempt's start.
                    if (!await CaseReferences.IsFreeAsync(db, details.CaseReference, null, cancellationToken))
                    {
                        throw Common.ValidationException.For(nameof(Command.CaseReference), CaseReferences.TakenMessage);
                    }

                    // A random pause, longer at each attempt, so writers that collided do not meet again.
                    await Task.Delay(Random.Shared.Next(1, 10 * attempt), cancellationToken);
                }
            }
        }
    }
}

internal static class CaseReferences
{
    public const string TakenMessage = "A review with this case reference already exists in your jurisdiction.";

    public static async Task<bool> IsFreeAsync(ReviewsDbContext db, string? reference, int? exceptReviewId, CancellationToken ct)
    {
        var key = Review.KeyOf(reference ?? string.Empty);
        return !await db.Reviews.AnyAsync(r => r.CaseReferenceKey == key && r.Id != exceptReviewId, ct);
    }
}
