using NPCS.Reviews.Domain.Catalog;

namespace NPCS.Reviews.Domain.Reviews;

/// <summary>
/// Findings, recommendations and the supervisor's approval. Findings and actions change only at
/// Findings; the review goes to Approval when submitted, back to Findings when returned, and is
/// locked once approved (a Supervisor may reopen it with a reason). Approved actions are followed
/// up until done.
/// </summary>
public partial class Review
{
    public const int CommentsMaxLength = 4000;

    public string? SubmittedByUserId { get; private set; }

    public DateTimeOffset? SubmittedAt { get; private set; }

    public string? ApprovedByUserId { get; private set; }

    public DateTimeOffset? ApprovedAt { get; private set; }

    /// <summary>The comments of the latest return, shown to the facilitator until the review is approved.</summary>
    public string? ReturnComments { get; private set; }

    public string? ReturnedByUserId { get; private set; }

    public DateTimeOffset? ReturnedAt { get; private set; }

    public bool FindingsEditable => Stage == ReviewStage.Findings;

    public bool IsLocked => Stage == ReviewStage.Approved;

    public Finding AddFinding(FindingDetails details, FactorItem item)
    {
        ArgumentNullException.ThrowIfNull(details);
        EnsureFindingsEditable();
        EnsureItem(details, item, isNew: true);
        return Finding.Create(Id, details);
    }

    public void EditFinding(Finding finding, FindingDetails details, FactorItem item)
    {
        ArgumentNullException.ThrowIfNull(finding);
        ArgumentNullException.ThrowIfNull(details);
        EnsureOwn(finding);
        EnsureFindingsEditable();
        EnsureItem(details, item, isNew: finding.FactorItemId != details.FactorItemId);
        finding.Apply(details);
    }

    /// <summary>Checks the finding may go; its actions go with it (the handler deletes them).</summary>
    public void RemoveFinding(Finding finding)
    {
        EnsureOwn(finding);
        EnsureFindingsEditable();
    }

    public ReviewAction AddAction(Finding finding, ActionDetails details)
    {
        ArgumentNullException.ThrowIfNull(finding);
        EnsureOwn(finding);
        EnsureFindingsEditable();
        return ReviewAction.Create(finding, details);
    }

    public void EditAction(ReviewAction action, ActionDetails details)
    {
        ArgumentNullException.ThrowIfNull(action);
        EnsureOwn(action);
        EnsureFindingsEditable();
        action.Apply(details);
    }

    public void RemoveAction(ReviewAction action)
    {
        EnsureOwn(action);
        EnsureFindingsEditable();
    }

    public void NotAdoptAction(ReviewAction action, string reason)
    {
        ArgumentNullException.ThrowIfNull(action);
        EnsureOwn(action);
        EnsureFindingsEditable();
        action.NotAdopt(reason);
    }

    /// <summary>
    /// The facilitator sends the review to a Supervisor. Needs at least one finding, and for each
    /// finding rated 2 or 3 an action (adopted) or a written reason why none.
    /// </summary>
    public void SubmitForApproval(IReadOnlyCollection<Finding> findings, IReadOnlyCollection<ReviewAction> actions, string userId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        EnsureStage(ReviewStage.Findings, "submit the review for approval");
        if (findings.Count == 0)
        {
            throw new DomainException("Record at least one finding before submitting the review for approval.");
        }

        var missing = findings
            .Where(f => FindingRating.NeedsAction(f.Rating)
                && f.NoActionReason is null
                && !actions.Any(a => a.FindingId == f.Id && a.Status != ActionStatus.NotAdopted))
            .ToList();
        if (missing.Count > 0)
        {
            throw new DomainException(missing.Count == 1
                ? "A finding rated 2 or 3 has no action: add one, or say why none is proposed."
                : $"{missing.Count} findings rated 2 or 3 have no action: add one to each, or say why none is proposed.");
        }

        SubmittedByUserId = userId;
        SubmittedAt = now;
        MoveTo(ReviewStage.Approval, now);
    }

    /// <summary>
    /// A Supervisor other than the submitter approves: the review is locked, its proposed actions become
    /// approved, and all its actions (<paramref name="actions"/> must be every one) are followed up in its jurisdiction.
    /// </summary>
    public void Approve(IEnumerable<ReviewAction> actions, string supervisorUserId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentException.ThrowIfNullOrWhiteSpace(supervisorUserId);
        EnsureStage(ReviewStage.Approval, "approve the review");
        if (supervisorUserId == SubmittedByUserId)
        {
            throw new DomainException("You submitted this review, so another Supervisor must approve it.");
        }

        // Every action is checked before any changes, so a refusal leaves them all as they were.
        var own = actions.ToList();
        own.ForEach(EnsureOwn);
        own.ForEach(a => a.Approve(JurisdictionId));

        ApprovedByUserId = supervisorUserId;
        ApprovedAt = now;
        ReturnComments = null;
        MoveTo(ReviewStage.Approved, now);
    }

    /// <summary>A Supervisor sends the review back to Findings with comments the facilitator will see.</summary>
    public void Return(string comments, string supervisorUserId, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(supervisorUserId);
        EnsureStage(ReviewStage.Approval, "return the review");
        ReturnComments = Text.Required(comments, "Comments for the facilitator");
        ReturnedByUserId = supervisorUserId;
        ReturnedAt = now;
        MoveTo(ReviewStage.Findings, now);
    }

    /// <summary>Follow-up of an approved action: in progress or done, with a note, a date and, when done, whether it worked.</summary>
    public void FollowAction(ReviewAction action, ActionStatus status, string? note, DateOnly date, Effectiveness? effectiveness)
    {
        ArgumentNullException.ThrowIfNull(action);
        EnsureOwn(action);
        if (Stage != ReviewStage.Approved)
        {
            throw new DomainException("Actions are followed up once the review is approved.");
        }

        action.Follow(status, note, date, effectiveness);
    }

    private void EnsureFindingsEditable()
    {
        if (Stage < ReviewStage.Findings)
        {
            throw new DomainException("Findings are recorded once the debrief is complete.");
        }

        if (Stage == ReviewStage.Approval)
        {
            throw new DomainException("The review is waiting for approval: a Supervisor must return it before its findings change.");
        }

        if (Stage == ReviewStage.Approved)
        {
            throw new DomainException("The review is approved and locked. A Supervisor can reopen it with a reason.");
        }
    }

    private static void EnsureItem(FindingDetails details, FactorItem item, bool isNew)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Id != details.FactorItemId)
        {
            throw new DomainException("Choose a factor from the catalog.");
        }

        if (isNew && item.IsRetired)
        {
            throw new DomainException("That factor is retired: choose a current one.");
        }
    }
}
