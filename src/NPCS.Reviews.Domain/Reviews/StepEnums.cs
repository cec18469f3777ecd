namespace NPCS.Reviews.Domain.Reviews;

/// <summary>Who the information in a chronology entry came from.</summary>
public enum ChronologySource
{
    ThisAgency = 1,
    LawEnforcement = 2,
    Medical = 3,
    School = 4,
    CommunityProvider = 5,
    Family = 6,
    Other = 7,
}

public enum NeedCategory
{
    EconomicSupport = 1,
    Housing = 2,
    Childcare = 3,
    SubstanceUse = 4,
    MentalHealth = 5,
    DomesticViolence = 6,
    PhysicalHealth = 7,
    DevelopmentalOrDisability = 8,
    ParentingSupport = 9,
    Transportation = 10,
    Legal = 11,
    Other = 12,
}

public enum NeedStatus
{
    IdentifiedMet = 1,
    IdentifiedUnmet = 2,
    NotIdentified = 3,
}

/// <summary>Why an identified need stayed unmet. Several can apply.</summary>
[Flags]
public enum NeedBarrier
{
    None = 0,
    ServiceNotAvailable = 1,
    Waitlist = 2,
    Eligibility = 4,
    FamilyDeclined = 8,
    NotReferred = 16,
    Other = 32,
}

/// <summary>The five Strengthening Families protective factors (Center for the Study of Social Policy).</summary>
public enum ProtectiveFactor
{
    ParentalResilience = 1,
    SocialConnections = 2,
    KnowledgeOfParentingAndChildDevelopment = 3,
    ConcreteSupportInTimesOfNeed = 4,
    SocialEmotionalCompetenceOfChildren = 5,
}

public enum FactorRating
{
    Present = 1,
    PartlyPresent = 2,
    Absent = 3,
    Unknown = 4,
}

public enum SessionStatus
{
    Scheduled = 1,
    Held = 2,
    Cancelled = 3,
}

/// <summary>The organisation a debrief participant speaks for.</summary>
public enum ParticipantAgency
{
    ThisAgency = 1,
    LawEnforcement = 2,
    Hospital = 3,
    School = 4,
    CommunityProvider = 5,
    CourtOrLegal = 6,
    Other = 7,
}

/// <summary>The role of the person who made a decision: a role, never a name.</summary>
public enum DeciderRole
{
    HotlineScreener = 1,
    Investigator = 2,
    OngoingCaseworker = 3,
    Supervisor = 4,
    Manager = 5,
    LawEnforcement = 6,
    MedicalProvider = 7,
    SchoolStaff = 8,
    CommunityProvider = 9,
    Court = 10,
    Other = 11,
}

/// <summary>Pressures and context that shaped a decision. Several can apply.</summary>
[Flags]
public enum Pressure
{
    None = 0,
    Workload = 1,
    Tools = 2,
    Policy = 4,
    Supervision = 8,
    PartnerAgencies = 16,
    Time = 32,
    Other = 64,
}
