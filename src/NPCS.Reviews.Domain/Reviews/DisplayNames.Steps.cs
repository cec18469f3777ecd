namespace NPCS.Reviews.Domain.Reviews;

public static partial class DisplayNames
{
    public static string DisplayName(this ChronologySource value) => value switch
    {
        ChronologySource.ThisAgency => "This agency",
        ChronologySource.LawEnforcement => "Law enforcement",
        ChronologySource.Medical => "Medical",
        ChronologySource.School => "School",
        ChronologySource.CommunityProvider => "Community provider",
        ChronologySource.Family => "Family",
        ChronologySource.Other => "Other",
        _ => value.ToString(),
    };

    public static string DisplayName(this NeedCategory value) => value switch
    {
        NeedCategory.EconomicSupport => "Economic support",
        NeedCategory.Housing => "Housing",
        NeedCategory.Childcare => "Childcare",
        NeedCategory.SubstanceUse => "Substance use",
        NeedCategory.MentalHealth => "Mental health",
        NeedCategory.DomesticViolence => "Domestic violence",
        NeedCategory.PhysicalHealth => "Physical health",
        NeedCategory.DevelopmentalOrDisability => "Developmental or disability",
        NeedCategory.ParentingSupport => "Parenting support",
        NeedCategory.Transportation => "Transportation",
        NeedCategory.Legal => "Legal",
        NeedCategory.Other => "Other",
        _ => value.ToString(),
    };

    public static string DisplayName(this NeedStatus value) => value switch
    {
        NeedStatus.IdentifiedMet => "Identified and met",
        NeedStatus.IdentifiedUnmet => "Identified and unmet",
        NeedStatus.NotIdentified => "Not identified by the agency",
        _ => value.ToString(),
    };

    public static string DisplayName(this NeedBarrier value) => value switch
    {
        NeedBarrier.ServiceNotAvailable => "Service not available",
        NeedBarrier.Waitlist => "Waitlist",
        NeedBarrier.Eligibility => "Eligibility",
        NeedBarrier.FamilyDeclined => "Family declined",
        NeedBarrier.NotReferred => "Not referred",
        NeedBarrier.Other => "Other",
        _ => value.ToString(),
    };

    public static string DisplayName(this ProtectiveFactor value) => value switch
    {
        ProtectiveFactor.ParentalResilience => "Parental resilience",
        ProtectiveFactor.SocialConnections => "Social connections",
        ProtectiveFactor.KnowledgeOfParentingAndChildDevelopment => "Knowledge of parenting and child development",
        ProtectiveFactor.ConcreteSupportInTimesOfNeed => "Concrete support in times of need",
        ProtectiveFactor.SocialEmotionalCompetenceOfChildren => "Social and emotional competence of children",
        _ => value.ToString(),
    };

    public static string DisplayName(this FactorRating value) => value switch
    {
        FactorRating.Present => "Present",
        FactorRating.PartlyPresent => "Partly present",
        FactorRating.Absent => "Absent",
        FactorRating.Unknown => "Unknown",
        _ => value.ToString(),
    };

    public static string DisplayName(this SessionStatus value) => value switch
    {
        SessionStatus.Scheduled => "Scheduled",
        SessionStatus.Held => "Held",
        SessionStatus.Cancelled => "Cancelled",
        _ => value.ToString(),
    };

    public static string DisplayName(this ParticipantAgency value) => value switch
    {
        ParticipantAgency.ThisAgency => "This agency",
        ParticipantAgency.LawEnforcement => "Law enforcement",
        ParticipantAgency.Hospital => "Hospital or medical",
        ParticipantAgency.School => "School",
        ParticipantAgency.CommunityProvider => "Community provider",
        ParticipantAgency.CourtOrLegal => "Court or legal",
        ParticipantAgency.Other => "Other",
        _ => value.ToString(),
    };

    public static string DisplayName(this DeciderRole value) => value switch
    {
        DeciderRole.HotlineScreener => "Hotline or intake screener",
        DeciderRole.Investigator => "Investigator",
        DeciderRole.OngoingCaseworker => "Ongoing caseworker",
        DeciderRole.Supervisor => "Supervisor",
        DeciderRole.Manager => "Manager",
        DeciderRole.LawEnforcement => "Law enforcement",
        DeciderRole.MedicalProvider => "Medical provider",
        DeciderRole.SchoolStaff => "School staff",
        DeciderRole.CommunityProvider => "Community provider",
        DeciderRole.Court => "Court",
        DeciderRole.Other => "Other",
        _ => value.ToString(),
    };

    public static string DisplayName(this Pressure value) => value switch
    {
        Pressure.Workload => "Workload",
        Pressure.Tools => "Tools and technology",
        Pressure.Policy => "Policy",
        Pressure.Supervision => "Supervision",
        Pressure.PartnerAgencies => "Partner agencies",
        Pressure.Time => "Time",
        Pressure.Other => "Other",
        _ => value.ToString(),
    };

    public static string DisplayName(this ActionStrength value) => value switch
    {
        ActionStrength.Stronger => "Stronger",
        ActionStrength.Intermediate => "Intermediate",
        ActionStrength.Weaker => "Weaker",
        _ => value.ToString(),
    };

    /// <summary>The action hierarchy's examples (VA / RCA²), shown as help where a strength is chosen.</summary>
    public static string Examples(this ActionStrength value) => value switch
    {
        ActionStrength.Stronger => "Physical or architectural change, forcing functions, simplifying or standardizing a process, tangible leadership action.",
        ActionStrength.Intermediate => "More staff or less workload, software changes, checklists, cognitive aids, redundancy, better documentation or communication.",
        ActionStrength.Weaker => "Double checks, warnings, a new policy or memo, training, more study.",
        _ => string.Empty,
    };

    public static string DisplayName(this ActionStatus value) => value switch
    {
        ActionStatus.Proposed => "Proposed",
        ActionStatus.Approved => "Approved",
        ActionStatus.InProgress => "In progress",
        ActionStatus.Done => "Done",
        ActionStatus.NotAdopted => "Not adopted",
        _ => value.ToString(),
    };

    public static string DisplayName(this Effectiveness value) => value switch
    {
        Effectiveness.Worked => "Worked",
        Effectiveness.Partly => "Partly worked",
        Effectiveness.DidNot => "Did not work",
        Effectiveness.NotYetKnown => "Not yet known",
        _ => value.ToString(),
    };

    public static string DisplayName(this EvidenceKind value) => value switch
    {
        EvidenceKind.DecisionPoint => "Decision point",
        EvidenceKind.Need => "Need",
        EvidenceKind.ChronologyEntry => "Chronology entry",
        _ => value.ToString(),
    };
}
