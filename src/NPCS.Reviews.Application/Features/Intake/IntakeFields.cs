using FluentValidation;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.Intake;

/// <summary>
/// The intake form's fields, shared by "New review" and "Edit intake". Everything is nullable so an
/// empty field reaches the validator (and gets its message) instead of a model-binding default.
/// </summary>
public class IntakeFields
{
    public IncidentType? IncidentType { get; set; }

    public DateOnly? IncidentDate { get; set; }

    public DateOnly? NotifiedDate { get; set; }

    public int? ChildAgeYears { get; set; }

    public int? ChildAgeMonths { get; set; }

    public ChildSex? ChildSex { get; set; }

    public List<RaceEthnicity> ChildRaceEthnicity { get; set; } = [];

    public string? CaseReference { get; set; }

    public YesNoUnknown? OpenCaseAtIncident { get; set; }

    public DateOnly? MostRecentContact { get; set; }

    public int? PriorReportsCount { get; set; }

    public YesNoUnknown? PriorSubstantiated { get; set; }

    public List<MaltreatmentType> AllegedMaltreatment { get; set; } = [];

    public CauseCategory? CauseCategory { get; set; }

    public string? Summary { get; set; }

    /// <summary>Only called after validation has passed, so every required value is present.</summary>
    public IntakeDetails ToDetails() => new(
        IncidentType!.Value,
        IncidentDate!.Value,
        NotifiedDate!.Value,
        (ChildAgeYears!.Value * 12) + (ChildAgeMonths ?? 0),
        ChildSex!.Value,
        ChildRaceEthnicity.Aggregate(RaceEthnicity.None, (all, one) => all | one),
        CaseReference!.Trim(),
        OpenCaseAtIncident!.Value,
        MostRecentContact,
        PriorReportsCount!.Value,
        PriorSubstantiated!.Value,
        AllegedMaltreatment.Aggregate(MaltreatmentType.None, (all, one) => all | one),
        CauseCategory!.Value,
        Summary);

    public void CopyFrom(Review review)
    {
        ArgumentNullException.ThrowIfNull(review);
        IncidentType = review.IncidentType;
        IncidentDate = review.IncidentDate;
        NotifiedDate = review.NotifiedDate;
        ChildAgeYears = review.ChildAgeMonths / 12;
        ChildAgeMonths = review.ChildAgeMonths % 12;
        ChildSex = review.ChildSex;
        ChildRaceEthnicity = [.. review.ChildRaceEthnicity.Flags()];
        CaseReference = review.CaseReference;
        OpenCaseAtIncident = review.OpenCaseAtIncident;
        MostRecentContact = review.MostRecentContact;
        PriorReportsCount = review.PriorReportsCount;
        PriorSubstantiated = review.PriorSubstantiated;
        AllegedMaltreatment = [.. review.AllegedMaltreatment.Flags()];
        CauseCategory = review.CauseCategory;
        Summary = review.Summary;
    }
}

/// <summary>The intake rules, with the messages shown beside each field.</summary>
public sealed class IntakeFieldsValidator : AbstractValidator<IntakeFields>
{
    /// <summary>No review concerns an incident, or a contact, before this date; it also keeps date arithmetic in range.</summary>
    public static readonly DateOnly EarliestDate = new(1990, 1, 1);

    public IntakeFieldsValidator(JurisdictionClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        async Task<bool> NotInFuture(DateOnly? date, CancellationToken ct) => date is null || date <= await clock.TodayAsync(ct);

        RuleFor(x => x.IncidentType)
            .NotNull().WithMessage("Choose the incident type.")
            .IsInEnum().WithMessage("Choose one of the listed incident types.");

        RuleFor(x => x.IncidentDate)
            .NotNull().WithMessage("Enter the incident date.")
            .GreaterThanOrEqualTo(EarliestDate).WithMessage($"The incident date must be in {EarliestDate.Year} or later.")
            .MustAsync(NotInFuture).WithMessage("The incident date cannot be in the future.");

        RuleFor(x => x.NotifiedDate)
            .NotNull().WithMessage("Enter the date the agency was notified.")
            .MustAsync(NotInFuture).WithMessage("The notification date cannot be in the future.")
            .Must((x, d) => x.IncidentDate is null || d >= x.IncidentDate)
            .WithMessage("The agency cannot have been notified before the incident.");

        RuleFor(x => x.ChildAgeYears)
            .NotNull().WithMessage("Enter the child's age in years (0 for a child under one year).")
            .InclusiveBetween(0, IntakeDetails.MaxChildAgeYears).WithMessage("The child's age must be between 0 and 17 years.");

        RuleFor(x => x.ChildAgeMonths)
            .NotNull().When(x => x.ChildAgeYears == 0).WithMessage("For a child under one year, enter the age in months.")
            .InclusiveBetween(0, 11).WithMessage("Months must be between 0 and 11.");

        RuleFor(x => x.ChildSex)
            .NotNull().WithMessage("Choose the child's sex.")
            .IsInEnum().WithMessage("Choose one of the listed options.");

        RuleFor(x => x.ChildRaceEthnicity)
            .NotEmpty().WithMessage("Choose at least one race or ethnicity, or Unknown or Declined.")
            .Must(AllSingleDefinedFlags).WithMessage("Choose only from the listed categories.")
            .Must(list => list.Distinct().Count() == 1 || !list.Any(v => v is RaceEthnicity.Unknown or RaceEthnicity.Declined))
            .WithMessage("Unknown and Declined cannot be combined with other categories.");

        RuleFor(x => x.CaseReference)
            .NotEmpty().WithMessage("Enter the agency case reference.")
            .MaximumLength(IntakeDetails.CaseReferenceMaxLength)
            .WithMessage($"The case reference can be at most {IntakeDetails.CaseReferenceMaxLength} characters.");

        RuleFor(x => x.OpenCaseAtIncident)
            .NotNull().WithMessage("Say whether a case was open at the time of the incident.")
            .IsInEnum().WithMessage("Choose Yes, No or Unknown.");

        RuleFor(x => x.MostRecentContact)
            .GreaterThanOrEqualTo(EarliestDate).WithMessage($"The most recent agency contact must be in {EarliestDate.Year} or later.")
            .Must((x, d) => d is null || x.IncidentDate is null || d <= x.IncidentDate)
            .WithMessage("The most recent agency contact cannot be after the incident.");

        RuleFor(x => x.PriorReportsCount)
            .NotNull().WithMessage("Enter the number of reports in the prior 3 years (0 if none).")
            .GreaterThanOrEqualTo(0).WithMessage("The number of reports cannot be negative.")
            .LessThanOrEqualTo(999).WithMessage("The number of reports must be 999 or fewer.");

        RuleFor(x => x.PriorSubstantiated)
            .NotNull().WithMessage("Say whether there was prior substantiated maltreatment.")
            .IsInEnum().WithMessage("Choose Yes, No or Unknown.");

        RuleFor(x => x.AllegedMaltreatment)
            .NotEmpty().WithMessage("Choose the alleged maltreatment, or None alleged.")
            .Must(AllSingleDefinedFlags).WithMessage("Choose only from the listed types.")
            .Must(list => list.Distinct().Count() == 1 || !list.Contains(MaltreatmentType.NoneAlleged))
            .WithMessage("None alleged cannot be combined with a type of maltreatment.");

        RuleFor(x => x.CauseCategory)
            .NotNull().WithMessage("Choose the cause category.")
            .IsInEnum().WithMessage("Choose one of the listed cause categories.");

        RuleFor(x => x.Summary)
            .MaximumLength(IntakeDetails.SummaryMaxLength)
            .WithMessage($"The summary can be at most {IntakeDetails.SummaryMaxLength:N0} characters.");
    }

    private static bool AllSingleDefinedFlags<TEnum>(List<TEnum> values)
        where TEnum : struct, Enum =>
        values.All(v => Enum.IsDefined(v) && Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) != 0);
}
