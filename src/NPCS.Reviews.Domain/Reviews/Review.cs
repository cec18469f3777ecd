using NPCS.Reviews.Domain.Jurisdictions;

namespace NPCS.Reviews.Domain.Reviews;

/// <summary>
/// One systems-focused critical incident review. The review guards its own workflow: every stage
/// change goes through a method here that checks the current stage; nothing else assigns Stage.
/// </summary>
public partial class Review
{
    public const int ReasonMaxLength = 2000;

    private Review()
    {
        Number = string.Empty;
        CaseReference = string.Empty;
        CreatedByUserId = string.Empty;
        ScreeningReason = string.Empty;
    }

    public int Id { get; private set; }

    public int JurisdictionId { get; private set; }

    public string Number { get; private set; }

    public int NumberYear { get; private set; }

    public int NumberSequence { get; private set; }

    public ReviewStage Stage { get; private set; }

    public IncidentType IncidentType { get; private set; }

    public DateOnly IncidentDate { get; private set; }

    public DateOnly NotifiedDate { get; private set; }

    public int ChildAgeMonths { get; private set; }

    public ChildSex ChildSex { get; private set; }

    public RaceEthnicity ChildRaceEthnicity { get; private set; }

    /// <summary>The agency's own case number. Identifying: never leaves the jurisdiction.</summary>
    public string CaseReference { get; private set; }

    /// <summary>The case reference as compared for uniqueness and search: trimmed, upper case.</summary>
    public string CaseReferenceKey { get; private set; } = string.Empty;

    public YesNoUnknown OpenCaseAtIncident { get; private set; }

    public DateOnly? MostRecentContact { get; private set; }

    public int PriorReportsCount { get; private set; }

    public YesNoUnknown PriorSubstantiated { get; private set; }

    public MaltreatmentType AllegedMaltreatment { get; private set; }

    public CauseCategory CauseCategory { get; private set; }

    public string? Summary { get; private set; }

    /// <summary>Why the incident was, or was not, found eligible for review.</summary>
    public string ScreeningReason { get; private set; }

    /// <summary>Whether the facts meet the jurisdiction's criteria on their own, whatever a Supervisor decided.</summary>
    public bool MeetsCriteria { get; private set; }

    public string? ScreenOutOverrideReason { get; private set; }

    public string? ScreenOutOverriddenByUserId { get; private set; }

    public DateTimeOffset? ScreenOutOverriddenAt { get; private set; }

    public DateOnly FirstDebriefDue { get; private set; }

    public DateOnly CompletionDue { get; private set; }

    public string? AssignedFacilitatorId { get; private set; }

    public string CreatedByUserId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Optimistic concurrency token; changes on every update.</summary>
    public Guid Version { get; private set; }

    public bool IsScreenedOut => Stage == ReviewStage.ScreenedOut;

    public bool IntakeEditable => Stage is ReviewStage.Intake or ReviewStage.ScreenedOut;

    /// <summary>The next deadline that applies at this stage, if any.</summary>
    public DateOnly? NextDue => DueFor(Stage, FirstDebriefDue, CompletionDue);

    /// <summary>
    /// <see cref="NextDue"/>, or <see cref="DateOnly.MaxValue"/> when nothing is due (screened out,
    /// approved): the reviews list's order, stored (kept in step with the stage and deadlines) so an
    /// index serves the list's pages instead of a sort of every review of the jurisdiction.
    /// </summary>
    public DateOnly DueOrder { get; private set; } = DateOnly.MaxValue;

    public static DateOnly? DueFor(ReviewStage stage, DateOnly firstDebriefDue, DateOnly completionDue) => stage switch
    {
        ReviewStage.Intake or ReviewStage.FamilyNeeds => firstDebriefDue,
        ReviewStage.Debrief or ReviewStage.Findings or ReviewStage.Approval => completionDue,
        _ => null,
    };

    /// <summary>Records a new incident, decides its eligibility and computes its deadlines.</summary>
    public static Review Record(
        Jurisdiction jurisdiction,
        IntakeDetails intake,
        int numberYear,
        int numberSequence,
        string createdByUserId,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(jurisdiction);
        ArgumentNullException.ThrowIfNull(intake);
        ArgumentException.ThrowIfNullOrWhiteSpace(createdByUserId);
        intake.EnsureConsistent();

        var review = new Review
        {
            JurisdictionId = jurisdiction.Id,
            Number = ReviewNumber.Format(jurisdiction.Code, numberYear, numberSequence),
            NumberYear = numberYear,
            NumberSequence = numberSequence,
            CreatedByUserId = createdByUserId,
            CreatedAt = now,
        };
        review.ApplyIntake(intake, jurisdiction.Policy, now);
        return review;
    }

    public void UpdateIntake(IntakeDetails intake, ReviewPolicy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(intake);
        ArgumentNullException.ThrowIfNull(policy);
        if (!IntakeEditable)
        {
            throw new DomainException("The intake can no longer be edited: it was completed and the review has moved on.");
        }

        intake.EnsureConsistent();
        ApplyIntake(intake, policy, now);
    }

    public void CompleteIntake(DateTimeOffset now)
    {
        if (Stage == ReviewStage.ScreenedOut)
        {
            throw new DomainException("This incident was screened out. A Supervisor must override the screen-out before the intake can be completed.");
        }

        EnsureStage(ReviewStage.Intake, "complete the intake");
        MoveTo(ReviewStage.FamilyNeeds, now);
    }

    /// <summary>A Supervisor decides that a screened-out incident is reviewed after all; the reason is kept.</summary>
    public void OverrideScreenOut(string reason, string supervisorUserId, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(supervisorUserId);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("A written reason is required to override a screen-out.");
        }

        if (Stage != ReviewStage.ScreenedOut)
        {
            throw new DomainException("Only a screened-out incident can have its screen-out overridden.");
        }

        ScreenOutOverrideReason = reason.Trim();
        ScreenOutOverriddenByUserId = supervisorUserId;
        ScreenOutOverriddenAt = now;
        MoveTo(ReviewStage.Intake, now);
    }

    public void AssignFacilitator(string? facilitatorUserId, DateTimeOffset now)
    {
        if (Stage is ReviewStage.Approved)
        {
            throw new DomainException("An approved review is locked; its facilitator cannot be changed.");
        }

        AssignedFacilitatorId = string.IsNullOrWhiteSpace(facilitatorUserId) ? null : facilitatorUserId;
        Touch(now);
    }

    public static string KeyOf(string caseReference)
    {
        ArgumentNullException.ThrowIfNull(caseReference);
        return caseReference.Trim().ToUpperInvariant();
    }

    private void ApplyIntake(IntakeDetails intake, ReviewPolicy policy, DateTimeOffset now)
    {
        IncidentType = intake.IncidentType;
        IncidentDate = intake.IncidentDate;
        NotifiedDate = intake.NotifiedDate;
        ChildAgeMonths = intake.ChildAgeMonths;
        ChildSex = intake.ChildSex;
        ChildRaceEthnicity = intake.ChildRaceEthnicity;
        CaseReference = intake.CaseReference.Trim();
        CaseReferenceKey = KeyOf(CaseReference);
        OpenCaseAtIncident = intake.OpenCaseAtIncident;
        MostRecentContact = intake.MostRecentContact;
        PriorReportsCount = intake.PriorReportsCount;
        PriorSubstantiated = intake.PriorSubstantiated;
        AllegedMaltreatment = intake.AllegedMaltreatment;
        CauseCategory = intake.CauseCategory;
        Summary = string.IsNullOrWhiteSpace(intake.Summary) ? null : intake.Summary.Trim();
        FirstDebriefDue = policy.FirstDebriefDue(intake.NotifiedDate);
        CompletionDue = policy.CompletionDue(intake.NotifiedDate);

        var decision = Eligibility.Evaluate(intake, policy);
        ScreeningReason = decision.Reason;
        MeetsCriteria = decision.Eligible;

        // A Supervisor's override stands even when corrected facts would screen the incident out again.
        var overridden = ScreenOutOverriddenAt is not null;
        MoveTo(decision.Eligible || overridden ? ReviewStage.Intake : ReviewStage.ScreenedOut, now);
    }

    private void EnsureStage(ReviewStage expected, string action)
    {
        if (Stage != expected)
        {
            throw new DomainException($"Cannot {action}: the review is at {Stage.DisplayName()}, not {expected.DisplayName()}.");
        }
    }

    /// <summary>The one place the stage is set, and with it the list's <see cref="DueOrder"/> (the deadlines may have changed too).</summary>
    private void MoveTo(ReviewStage stage, DateTimeOffset now)
    {
        Stage = stage;
        DueOrder = NextDue ?? DateOnly.MaxValue;
        Touch(now);
    }

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version = Guid.NewGuid();
    }
}
