namespace NPCS.Reviews.Domain.Reviews;

/// <summary>The facts recorded at notification and intake. Validated by the application layer before they get here.</summary>
public sealed record IntakeDetails(
    IncidentType IncidentType,
    DateOnly IncidentDate,
    DateOnly NotifiedDate,
    int ChildAgeMonths,
    ChildSex ChildSex,
    RaceEthnicity ChildRaceEthnicity,
    string CaseReference,
    YesNoUnknown OpenCaseAtIncident,
    DateOnly? MostRecentContact,
    int PriorReportsCount,
    YesNoUnknown PriorSubstantiated,
    MaltreatmentType AllegedMaltreatment,
    CauseCategory CauseCategory,
    string? Summary)
{
    public const int CaseReferenceMaxLength = 50;
    public const int SummaryMaxLength = 4000;
    public const int MaxChildAgeYears = 17;

    /// <summary>Rules that hold whatever the form: a review never stores dates out of order.</summary>
    public void EnsureConsistent()
    {
        if (NotifiedDate < IncidentDate)
        {
            throw new DomainException("The agency cannot be notified before the incident.");
        }

        if (MostRecentContact is { } contact && contact > IncidentDate)
        {
            throw new DomainException("The most recent agency contact cannot be after the incident.");
        }

        if (ChildAgeMonths < 0 || ChildAgeMonths >= (MaxChildAgeYears + 1) * 12)
        {
            throw new DomainException("The child's age must be between 0 and 17 years.");
        }

        if (PriorReportsCount < 0)
        {
            throw new DomainException("The number of prior reports cannot be negative.");
        }

        if (string.IsNullOrWhiteSpace(CaseReference))
        {
            throw new DomainException("The agency case reference is required.");
        }
    }
}
