using FluentValidation;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.Findings;

/// <summary>The fields of a recommendation / action, shared by "Add an action" and "Edit action".</summary>
public class ActionFields
{
    /// <summary>The review.</summary>
    public int Id { get; set; }

    public string? WhatWillBeDone { get; set; }

    public ActionStrength? Strength { get; set; }

    public string? OwnerName { get; set; }

    public string? OwnerUnit { get; set; }

    public DateOnly? DueDate { get; set; }

    public string? Measure { get; set; }

    /// <summary>Only called after validation has passed, so every required value is present.</summary>
    public ActionDetails ToDetails() => new(WhatWillBeDone!, Strength!.Value, OwnerName!, OwnerUnit!, DueDate!.Value, Measure!);

    public void CopyFrom(ReviewAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        WhatWillBeDone = action.WhatWillBeDone;
        Strength = action.Strength;
        OwnerName = action.OwnerName;
        OwnerUnit = action.OwnerUnit;
        DueDate = action.DueDate;
        Measure = action.Measure;
    }
}

/// <summary>
/// The rules of an action. A new action is due from the agency's today on; an edit may keep a date
/// that has since passed (the action was late, not wrong). Nothing is planned more than five years out.
/// </summary>
public sealed class ActionFieldsValidator : AbstractValidator<ActionFields>
{
    public const int MaxYearsAhead = 5;

    public ActionFieldsValidator(JurisdictionClock clock, bool isNew)
    {
        ArgumentNullException.ThrowIfNull(clock);
        RuleFor(x => x.WhatWillBeDone)
            .NotEmpty().WithMessage("Say what will be done.")
            .MaximumLength(ReviewAction.TextMaxLength).WithMessage($"What will be done can be at most {ReviewAction.TextMaxLength} characters.");

        RuleFor(x => x.Strength)
            .NotNull().WithMessage("Choose the strength of the action.")
            .IsInEnum().WithMessage("Choose one of the listed strengths.");

        RuleFor(x => x.OwnerName)
            .NotEmpty().WithMessage("Name the one person accountable for the action.")
            .MaximumLength(ReviewAction.OwnerMaxLength).WithMessage($"The owner's name can be at most {ReviewAction.OwnerMaxLength} characters.");

        RuleFor(x => x.OwnerUnit)
            .NotEmpty().WithMessage("Enter the owner's unit.")
            .MaximumLength(ReviewAction.OwnerMaxLength).WithMessage($"The owner's unit can be at most {ReviewAction.OwnerMaxLength} characters.");

        RuleFor(x => x.Measure)
            .NotEmpty().WithMessage("Say how effectiveness will be measured.")
            .MaximumLength(ReviewAction.TextMaxLength).WithMessage($"The measure can be at most {ReviewAction.TextMaxLength} characters.");

        RuleFor(x => x.DueDate)
            .NotNull().WithMessage("Enter the due date.")
            .MustAsync(async (date, ct) => date is null || date <= (await clock.TodayAsync(ct)).AddYears(MaxYearsAhead))
            .WithMessage($"The due date can be at most {MaxYearsAhead} years ahead.");
        RuleFor(x => x.DueDate)
            .MustAsync(async (date, ct) => date is null || date >= await clock.TodayAsync(ct))
            .WithMessage("The due date cannot be in the past.")
            .When(_ => isNew, ApplyConditionTo.CurrentValidator);
    }
}
