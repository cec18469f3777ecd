using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.FollowUp;

/// <summary>
/// Follow-up of an approved review's action: in progress or done, with a note and the date it happened,
/// and, once done, whether it worked. A concurrent update is reported, not overwritten.
/// </summary>
public static class UpdateActionStatus
{
    [Authorize(Roles.ReviewEditors)]
    public sealed record Query(int ActionId) : IQuery<Command>;

    [Authorize(Roles.ReviewEditors)]
    public sealed class Command : ICommand
    {
        public int ActionId { get; set; }

        public Guid Version { get; set; }

        public ActionStatus? Status { get; set; }

        public string? Note { get; set; }

        public DateOnly? Date { get; set; }

        public Effectiveness? Effectiveness { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(ReviewsDbContext db, JurisdictionClock clock)
        {
            ArgumentNullException.ThrowIfNull(db);
            ArgumentNullException.ThrowIfNull(clock);

            RuleFor(x => x.Status)
                .NotNull().WithMessage("Choose the action's status.")
                .Must(s => s is null or ActionStatus.InProgress or ActionStatus.Done)
                .WithMessage("Choose in progress or done.");

            RuleFor(x => x.Note)
                .MaximumLength(ReviewAction.TextMaxLength)
                .WithMessage($"The note can be at most {ReviewAction.TextMaxLength} characters.");

            // The date records what already happened: not in the future, and not before the review
            // was approved, since nothing is followed up before then.
            RuleFor(x => x.Date)
                .NotNull().WithMessage("Enter the date of this update.")
                .MustAsync(async (date, ct) => date is null || date <= await clock.TodayAsync(ct))
                .WithMessage("The date cannot be in the future.")
                .MustAsync(async (command, date, ct) => date is null || await ApprovalDateAsync(db, clock, command.ActionId, ct) is not { } approved || date >= approved)
                .WithMessage("The date cannot be before the review was approved.");

            RuleFor(x => x.Effectiveness)
                .NotNull().WithMessage("Say whether the action worked (choose not yet known if it is too early to tell).")
                .IsInEnum().WithMessage("Choose one of the listed answers.")
                .When(x => x.Status == ActionStatus.Done);

            RuleFor(x => x.Effectiveness)
                .IsInEnum().WithMessage("Choose one of the listed answers.")
                .When(x => x.Status != ActionStatus.Done, ApplyConditionTo.CurrentValidator);
        }

        private static async Task<DateOnly?> ApprovalDateAsync(ReviewsDbContext db, JurisdictionClock clock, int actionId, CancellationToken ct)
        {
            var approvedAt = await db.ReviewActions
                .Where(a => a.Id == actionId)
                .Select(a => db.Reviews.Where(r => r.Id == a.ReviewId).Select(r => r.ApprovedAt).FirstOrDefault())
                .FirstOrDefaultAsync(ct);
            return approvedAt is { } at ? await clock.DateOfAsync(at, ct) : null;
        }
    }

    public sealed class QueryHandler(ReviewsDbContext db, JurisdictionClock clock) : IQueryHandler<Query, Command>
    {
        public async ValueTask<Command> Handle(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var (_, action) = await ReviewActionOf.LoadAsync(db, query.ActionId, cancellationToken);
            var followed = action.Status is ActionStatus.InProgress or ActionStatus.Done;
            return new Command
            {
                ActionId = action.Id,
                Version = action.Version,
                Status = followed ? action.Status : null,
                Note = followed ? action.StatusNote : null,
                Date = followed ? action.StatusDate : await clock.TodayAsync(cancellationToken),
                Effectiveness = action.Effectiveness,
            };
        }
    }

    public sealed class Handler(ReviewsDbContext db) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var (review, action) = await ReviewActionOf.LoadAsync(db, command.ActionId, cancellationToken);
            await db.SaveWithConcurrencyCheckAsync(
                action,
                command.Version,
                a => a.Version,
                () => review.FollowAction(action, command.Status!.Value, command.Note, command.Date!.Value, command.Effectiveness),
                cancellationToken);
            return Unit.Value;
        }
    }
}
