using FluentValidation;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Features.Intake;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.Chronology;

/// <summary>
/// The fields of a chronology entry, shared by "Add an entry" and "Edit entry". Everything is
/// nullable so an empty field reaches the validator (and gets its message) instead of a default.
/// </summary>
public class ChronologyEntryFields
{
    public DateOnly? Date { get; set; }

    public TimeOnly? Time { get; set; }

    public ChronologySource? Source { get; set; }

    public string? WhatHappened { get; set; }

    public string? AgencyKnew { get; set; }

    /// <summary>Only called after validation has passed, so every required value is present.</summary>
    public ChronologyDetails ToDetails() => new(Date!.Value, Time, Source!.Value, WhatHappened!, AgencyKnew);

    public void CopyFrom(ChronologyEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Date = entry.Date;
        Time = entry.Time;
        Source = entry.Source;
        WhatHappened = entry.WhatHappened;
        AgencyKnew = entry.AgencyKnew;
    }
}

/// <summary>The rules of a chronology entry, with the messages shown beside each field.</summary>
public sealed class ChronologyEntryFieldsValidator : AbstractValidator<ChronologyEntryFields>
{
    public ChronologyEntryFieldsValidator(JurisdictionClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var earliest = IntakeFieldsValidator.EarliestDate;

        // The chronology records what already happened, so its dates stop at the agency's today.
        RuleFor(x => x.Date)
            .NotNull().WithMessage("Enter the date of the entry.")
            .GreaterThanOrEqualTo(earliest).WithMessage($"The date must be in {earliest.Year} or later.")
            .MustAsync(async (date, ct) => date is null || date <= await clock.TodayAsync(ct))
            .WithMessage("The date cannot be in the future.");

        // The form's time field gives hours and minutes; seconds only come from a hand-made request.
        RuleFor(x => x.Time)
            .Must(t => t is null || (t.Value.Second == 0 && t.Value.Millisecond == 0 && t.Value.Microsecond == 0))
            .WithMessage("Enter the time as hours and minutes, for example 14:30.");

        RuleFor(x => x.Source)
            .NotNull().WithMessage("Choose where the information came from.")
            .IsInEnum().WithMessage("Choose one of the listed sources.");

        RuleFor(x => x.WhatHappened)
            .NotEmpty().WithMessage("Describe what happened.")
            .MaximumLength(ChronologyEntry.TextMaxLength)
            .WithMessage($"What happened can be at most {ChronologyEntry.TextMaxLength} characters.");

        RuleFor(x => x.AgencyKnew)
            .MaximumLength(ChronologyEntry.TextMaxLength)
            .WithMessage($"What the agency knew can be at most {ChronologyEntry.TextMaxLength} characters.");
    }
}
