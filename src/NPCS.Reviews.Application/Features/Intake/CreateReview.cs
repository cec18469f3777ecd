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

            // Numbers are sequential per jurisdiction and year. Two people saving at the same moment can
            // compute the same next number; the unique index refuses the second, which then takes the next.
            for (var attempt = 1; ; attempt++)
            {
                var last = await db.Reviews
                    .Where(r => r.NumberYear == year)
                    .MaxAsync(r => (int?)r.NumberSequence, cancellationToken) ?? 0;
                var review = Review.Record(jurisdiction, details, year, last + 1, user.RequireUserId(), now);
                db.Reviews.Add(review);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    return new Result(review.Id, review.Number, review.IsScreenedOut);
                }
                catch (DbUpdateException) when (attempt < MaxNumberAttempts)
                {
                    // Forget the refused review and the history line that came with it; try the next number.
                    db.ChangeTracker.Clear();
                    if (!await CaseReferences.IsFreeAsync(db, details.CaseReference, null, cancellationToken))
                    {
                        throw Common.ValidationException.For(nameof(Command.CaseReference), CaseReferences.TakenMessage);
                    }
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
