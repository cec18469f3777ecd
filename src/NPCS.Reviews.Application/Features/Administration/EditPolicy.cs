using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Jurisdictions;

namespace NPCS.Reviews.Application.Features.Administration;

/// <summary>The jurisdiction's review policy (look-back window, deadlines) and its time zone.</summary>
public static class EditPolicy
{
    [Authorize(Roles.Administrator)]
    public sealed record Query : IQuery<Command>;

    [Authorize(Roles.Administrator)]
    public sealed class Command : ICommand
    {
        public string JurisdictionName { get; set; } = string.Empty;

        public Guid Version { get; set; }

        public string? TimeZoneId { get; set; }

        public int? LookBackMonths { get; set; }

        public int? DaysToFirstDebrief { get; set; }

        public int? DaysToCompletion { get; set; }

        /// <summary>Supervisors and Administrators must sign in with an authenticator app.</summary>
        public bool RequireTwoFactorForSupervisors { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.TimeZoneId)
                .NotEmpty().WithMessage("Choose the agency's time zone.")
                .Must(id => UsTimeZones.All.Any(z => z.Id == id)).When(x => !string.IsNullOrEmpty(x.TimeZoneId), ApplyConditionTo.CurrentValidator)
                .WithMessage("Choose a time zone from the list.");
            RuleFor(x => x.LookBackMonths)
                .NotNull().WithMessage("Enter the look-back window in months.")
                .InclusiveBetween(ReviewPolicy.MinLookBackMonths, ReviewPolicy.MaxLookBackMonths)
                .WithMessage($"The look-back window must be between {ReviewPolicy.MinLookBackMonths} and {ReviewPolicy.MaxLookBackMonths} months.");
            RuleFor(x => x.DaysToFirstDebrief)
                .NotNull().WithMessage("Enter the days from notification to the first debrief.")
                .InclusiveBetween(ReviewPolicy.MinDays, ReviewPolicy.MaxDays)
                .WithMessage($"Enter between {ReviewPolicy.MinDays} and {ReviewPolicy.MaxDays} days.");
            RuleFor(x => x.DaysToCompletion)
                .NotNull().WithMessage("Enter the days from notification to review completion.")
                .InclusiveBetween(ReviewPolicy.MinDays, ReviewPolicy.MaxDays)
                .WithMessage($"Enter between {ReviewPolicy.MinDays} and {ReviewPolicy.MaxDays} days.")
                .GreaterThanOrEqualTo(x => x.DaysToFirstDebrief)
                .When(x => x.DaysToFirstDebrief is not null, ApplyConditionTo.CurrentValidator)
                .WithMessage("The review cannot be due for completion before its first debrief.");
        }
    }

    public sealed class Handler(ReviewsDbContext db, Security.SecurityLog log) : IQueryHandler<Query, Command>, ICommandHandler<Command>
    {
        public async ValueTask<Command> Handle(Query query, CancellationToken cancellationToken)
        {
            var j = await db.Jurisdictions.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException();
            return new Command
            {
                JurisdictionName = j.Name,
                Version = j.Version,
                TimeZoneId = j.TimeZoneId,
                LookBackMonths = j.Policy.LookBackMonths,
                DaysToFirstDebrief = j.Policy.DaysToFirstDebrief,
                DaysToCompletion = j.Policy.DaysToCompletion,
                RequireTwoFactorForSupervisors = j.RequireTwoFactorForSupervisors,
            };
        }

        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var j = await db.Jurisdictions.SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException();
            var policy = new ReviewPolicy(command.LookBackMonths!.Value, command.DaysToFirstDebrief!.Value, command.DaysToCompletion!.Value);
            if (j.RequireTwoFactorForSupervisors != command.RequireTwoFactorForSupervisors)
            {
                log.Add(SecurityEventKind.TwoFactorRequirementChanged, null, command.RequireTwoFactorForSupervisors ? "required" : "not required");
            }

            await db.SaveWithConcurrencyCheckAsync(j, command.Version, x => x.Version, () =>
            {
                j.ChangePolicy(policy, command.TimeZoneId!);
                j.SetTwoFactorRequirement(command.RequireTwoFactorForSupervisors);
            }, cancellationToken);
            return Unit.Value;
        }
    }
}
