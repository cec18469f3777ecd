namespace NPCS.Reviews.Domain.Reviews;

/// <summary>Strength on the action hierarchy (VA / RCA²): stronger actions depend less on people remembering to do better.</summary>
public enum ActionStrength
{
    Stronger = 1,
    Intermediate = 2,
    Weaker = 3,
}

public enum ActionStatus
{
    Proposed = 1,
    Approved = 2,
    InProgress = 3,
    Done = 4,
    NotAdopted = 5,
}

public enum Effectiveness
{
    Worked = 1,
    Partly = 2,
    DidNot = 3,
    NotYetKnown = 4,
}

/// <summary>What a finding's evidence points at, in the same review.</summary>
public enum EvidenceKind
{
    DecisionPoint = 1,
    Need = 2,
    ChronologyEntry = 3,
}

/// <summary>The TCOM action scale a finding is rated on.</summary>
public static class FindingRating
{
    public const int Min = 0;
    public const int Max = 3;

    public static string Meaning(int rating) => rating switch
    {
        0 => "0: no evidence, no action",
        1 => "1: watch or prevent",
        2 => "2: action needed",
        3 => "3: immediate or intensive action",
        _ => rating.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>A finding rated 2 or 3 needs at least one action, or a written reason why none.</summary>
    public static bool NeedsAction(int rating) => rating >= 2;
}

public sealed record EvidenceLink(EvidenceKind Kind, int TargetId);

public sealed record FindingDetails(int FactorItemId, int CatalogVersion, int Rating, string Description, string? NoActionReason, IReadOnlyCollection<EvidenceLink> Evidence);

/// <summary>A systemic condition the review found, coded against a catalog item and rated, with its evidence.</summary>
public sealed class Finding : IReviewPart
{
    public const int DescriptionMaxLength = 4000;
    public const int ReasonMaxLength = 2000;

    private readonly List<FindingEvidence> _evidence = [];

    private Finding()
    {
        Description = string.Empty;
    }

    public int Id { get; private set; }

    public int ReviewId { get; private set; }

    public int FactorItemId { get; private set; }

    /// <summary>The catalog version the finding was coded with.</summary>
    public int CatalogVersion { get; private set; }

    public int Rating { get; private set; }

    public string Description { get; private set; }

    /// <summary>Why a finding rated 2 or 3 has no action.</summary>
    public string? NoActionReason { get; private set; }

    public Guid Version { get; private set; }

    public IReadOnlyList<FindingEvidence> Evidence => _evidence;

    internal static Finding Create(int reviewId, FindingDetails details)
    {
        var finding = new Finding { ReviewId = reviewId };
        finding.Apply(details);
        return finding;
    }

    internal void Apply(FindingDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (details.Rating is < FindingRating.Min or > FindingRating.Max)
        {
            throw new DomainException("Rate the finding from 0 to 3.");
        }

        FactorItemId = details.FactorItemId;
        CatalogVersion = details.CatalogVersion;
        Rating = details.Rating;
        Description = Text.Required(details.Description, "The description of the finding");
        NoActionReason = FindingRating.NeedsAction(details.Rating) ? Text.Optional(details.NoActionReason) : null;
        _evidence.RemoveAll(e => !details.Evidence.Contains(new EvidenceLink(e.Kind, e.TargetId)));
        foreach (var link in details.Evidence.Distinct())
        {
            if (!_evidence.Any(e => e.Kind == link.Kind && e.TargetId == link.TargetId))
            {
                _evidence.Add(FindingEvidence.Create(link));
            }
        }

        Version = Guid.NewGuid();
    }

    internal void Touch() => Version = Guid.NewGuid();
}

public sealed class FindingEvidence
{
    private FindingEvidence()
    {
    }

    public int Id { get; private set; }

    public int FindingId { get; private set; }

    public EvidenceKind Kind { get; private set; }

    public int TargetId { get; private set; }

    internal static FindingEvidence Create(EvidenceLink link) => new() { Kind = link.Kind, TargetId = link.TargetId };
}

public sealed record ActionDetails(string WhatWillBeDone, ActionStrength Strength, string OwnerName, string OwnerUnit, DateOnly DueDate, string Measure);

/// <summary>A recommendation: what the agency will do about a finding, who is accountable, by when, and how it will know it worked.</summary>
public sealed class ReviewAction : IReviewPart
{
    public const int TextMaxLength = 2000;
    public const int OwnerMaxLength = 200;

    private ReviewAction()
    {
        WhatWillBeDone = string.Empty;
        OwnerName = string.Empty;
        OwnerUnit = string.Empty;
        Measure = string.Empty;
    }

    public int Id { get; private set; }

    public int ReviewId { get; private set; }

    public int FindingId { get; private set; }

    public string WhatWillBeDone { get; private set; }

    public ActionStrength Strength { get; private set; }

    public string OwnerName { get; private set; }

    public string OwnerUnit { get; private set; }

    public DateOnly DueDate { get; private set; }

    public string Measure { get; private set; }

    public ActionStatus Status { get; private set; }

    /// <summary>Why the action was not adopted, or the note of the latest status update.</summary>
    public string? StatusNote { get; private set; }

    public DateOnly? StatusDate { get; private set; }

    public Effectiveness? Effectiveness { get; private set; }

    /// <summary>
    /// The jurisdiction whose follow-up list holds the action: its review's jurisdiction while the
    /// review is approved, null at any other stage. The review sets it when approved and clears it
    /// when reopened, so the Actions page reads one index range on it instead of joining the
    /// jurisdiction's approved reviews.
    /// </summary>
    public int? FollowUpJurisdictionId { get; private set; }

    public Guid Version { get; private set; }

    internal static ReviewAction Create(Finding finding, ActionDetails details)
    {
        var action = new ReviewAction { ReviewId = finding.ReviewId, FindingId = finding.Id, Status = ActionStatus.Proposed };
        action.Apply(details);
        return action;
    }

    internal void Apply(ActionDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        WhatWillBeDone = Text.Required(details.WhatWillBeDone, "What will be done");
        Strength = details.Strength;
        OwnerName = Text.Required(details.OwnerName, "The accountable owner");
        OwnerUnit = Text.Required(details.OwnerUnit, "The owner's unit");
        DueDate = details.DueDate;
        Measure = Text.Required(details.Measure, "How effectiveness will be measured");
        Version = Guid.NewGuid();
    }

    internal void NotAdopt(string reason)
    {
        Status = ActionStatus.NotAdopted;
        StatusNote = Text.Required(reason, "The reason the action is not adopted");
        Version = Guid.NewGuid();
    }

    /// <summary>The review is approved: the action is followed up in the review's jurisdiction, and approved if it was proposed.</summary>
    internal void Approve(int jurisdictionId)
    {
        FollowUpJurisdictionId = jurisdictionId;
        if (Status == ActionStatus.Proposed)
        {
            Status = ActionStatus.Approved;
            Version = Guid.NewGuid();
        }
    }

    /// <summary>The review is no longer approved (reopened): the action leaves the follow-up list until it is approved again.</summary>
    internal void StopFollowUp() => FollowUpJurisdictionId = null;

    /// <summary>Follow-up after approval: in progress or done (with effectiveness), with a note and a date.</summary>
    internal void Follow(ActionStatus status, string? note, DateOnly date, Effectiveness? effectiveness)
    {
        if (Status is ActionStatus.NotAdopted or ActionStatus.Proposed)
        {
            throw new DomainException("Only an approved action is followed up.");
        }

        if (status is not (ActionStatus.InProgress or ActionStatus.Done))
        {
            throw new DomainException("An approved action moves to in progress or done.");
        }

        Status = status;
        StatusNote = Text.Optional(note);
        StatusDate = date;
        Effectiveness = status == ActionStatus.Done ? effectiveness ?? Reviews.Effectiveness.NotYetKnown : null;
        Version = Guid.NewGuid();
    }
}
