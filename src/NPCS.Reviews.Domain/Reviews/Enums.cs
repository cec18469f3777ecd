namespace NPCS.Reviews.Domain.Reviews;

public enum IncidentType
{
    Fatality = 1,
    NearFatality = 2,
    SeriousInjury = 3,
    OtherCriticalIncident = 4,
}

public enum ChildSex
{
    Female = 1,
    Male = 2,
    Unknown = 3,
}

/// <summary>US federal race and ethnicity categories (OMB SPD 15, 2024), plus Unknown and Declined.</summary>
[Flags]
public enum RaceEthnicity
{
    None = 0,
    AmericanIndianOrAlaskaNative = 1,
    Asian = 2,
    BlackOrAfricanAmerican = 4,
    HispanicOrLatino = 8,
    MiddleEasternOrNorthAfrican = 16,
    NativeHawaiianOrPacificIslander = 32,
    White = 64,
    Unknown = 128,
    Declined = 256,
}

public enum YesNoUnknown
{
    Yes = 1,
    No = 2,
    Unknown = 3,
}

[Flags]
public enum MaltreatmentType
{
    None = 0,
    PhysicalAbuse = 1,
    Neglect = 2,
    SexualAbuse = 4,
    EmotionalAbuse = 8,
    MedicalNeglect = 16,
    NoneAlleged = 32,
}

public enum CauseCategory
{
    UnsafeSleep = 1,
    InflictedInjury = 2,
    NeglectOrSupervision = 3,
    Drowning = 4,
    Firearm = 5,
    Vehicle = 6,
    PoisoningOrIngestion = 7,
    Fire = 8,
    MedicalOrNatural = 9,
    Undetermined = 10,
    Other = 11,
}

/// <summary>
/// Where a review is in the SCIR workflow. The five working steps run Intake to Approval;
/// an incident that does not meet the jurisdiction's criteria is ScreenedOut (and keeps its reason).
/// </summary>
public enum ReviewStage
{
    ScreenedOut = 0,
    Intake = 1,
    FamilyNeeds = 2,
    Debrief = 3,
    Findings = 4,
    Approval = 5,
    Approved = 6,
}
