namespace NPCS.Reviews.Domain.Reviews;

/// <summary>
/// The record review, family-needs and debrief steps. Each method checks that the review is at a
/// stage where the change is allowed and that the part belongs to this review, then makes it.
/// </summary>
public partial class Review
{
    /// <summary>Why the family-needs analysis was completed without any need recorded.</summary>
    public string? NoUnmetNeedsReason { get; private set; }

    /// <summary>The step a Supervisor last reopened, with the reason; every reopening is also in the history.</summary>
    public ReviewStage? ReopenedStage { get; private set; }

    public string? ReopenReason { get; private set; }

    public string? ReopenedByUserId { get; private set; }

    public DateTimeOffset? ReopenedAt { get; private set; }

    public bool ChronologyEditable => Stage is ReviewStage.Intake or ReviewStage.FamilyNeeds or ReviewStage.Debrief or ReviewStage.Findings;

    public bool FamilyNeedsEditable => Stage == ReviewStage.FamilyNeeds;

    public bool SessionsEditable => Stage is ReviewStage.FamilyNeeds or ReviewStage.Debrief;

    public bool DebriefEditable => Stage == ReviewStage.Debrief;

    /// <summary>The steps a Supervisor may reopen now: completed steps before the current one; an approved review's findings.</summary>
    public IReadOnlyList<ReviewStage> ReopenableSteps => Stage switch
    {
        ReviewStage.FamilyNeeds or ReviewStage.Debrief or ReviewStage.Findings =>
            [.. new[] { ReviewStage.Intake, ReviewStage.FamilyNeeds, ReviewStage.Debrief }.Where(s => s < Stage)],

        // An approved review is locked; reopening takes it back to its findings.
        ReviewStage.Approved => [ReviewStage.Findings],
        _ => [],
    };

    // Chronology

    public ChronologyEntry AddChronologyEntry(ChronologyDetails details)
    {
        EnsureChronologyEditable();
        return ChronologyEntry.Create(Id, details);
    }

    public void EditChronologyEntry(ChronologyEntry entry, ChronologyDetails details)
    {
        EnsureOwn(entry);
        EnsureChronologyEditable();
        entry.Apply(details);
    }

    /// <summary>Checks the entry may go; decision points that pointed at it keep their own date and lose the link.</summary>
    public void RemoveChronologyEntry(ChronologyEntry entry, IEnumerable<DecisionPoint> decisionPoints)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(decisionPoints);
        EnsureOwn(entry);
        EnsureChronologyEditable();
        foreach (var point in decisionPoints.Where(p => p.ChronologyEntryId == entry.Id))
        {
            point.UnlinkChronology();
        }
    }

    // Family needs

    public Need AddNeed(NeedDetails details)
    {
        EnsureFamilyNeedsEditable();
        return Need.Create(Id, details);
    }

    public void EditNeed(Need need, NeedDetails details)
    {
        EnsureOwn(need);
        EnsureFamilyNeedsEditable();
        need.Apply(details);
    }

    public void RemoveNeed(Need need)
    {
        EnsureOwn(need);
        EnsureFamilyNeedsEditable();
    }

    /// <summary>The analysis is created the first time any part of it is saved.</summary>
    public FamilyNeedsAnalysis StartFamilyNeedsAnalysis()
    {
        EnsureFamilyNeedsEditable();
        return FamilyNeedsAnalysis.Start(Id);
    }

    public void RateProtectiveFactors(FamilyNeedsAnalysis analysis, IReadOnlyCollection<FactorRatingInput> ratings)
    {
        EnsureOwn(analysis);
        EnsureFamilyNeedsEditable();
        analysis.RateFactors(ratings);
    }

    public void ReflectOnBias(FamilyNeedsAnalysis analysis, BiasReflectionAnswers answers)
    {
        EnsureOwn(analysis);
        EnsureFamilyNeedsEditable();
        analysis.Reflect(answers);
    }

    public void RecordFamilyVoice(FamilyNeedsAnalysis analysis, FamilyVoiceDetails voice)
    {
        EnsureOwn(analysis);
        EnsureFamilyNeedsEditable();
        analysis.RecordVoice(voice);
    }

    /// <summary>Moves to Debrief. Needs at least one recorded need, or an explicit "no unmet needs identified" with its reason.</summary>
    public void CompleteFamilyNeeds(int needCount, string? noUnmetNeedsReason, DateTimeOffset now)
    {
        EnsureStage(ReviewStage.FamilyNeeds, "complete the family-needs analysis");
        if (needCount == 0 && string.IsNullOrWhiteSpace(noUnmetNeedsReason))
        {
            throw new DomainException("Record at least one need, or state that no unmet needs were identified and why.");
        }

        NoUnmetNeedsReason = needCount == 0 ? noUnmetNeedsReason!.Trim() : null;
        MoveTo(ReviewStage.Debrief, now);
    }

    // Debrief sessions

    public DebriefSession ScheduleSession(SessionDetails details)
    {
        EnsureSessionsEditable();
        return DebriefSession.Schedule(Id, details);
    }

    public void RescheduleSession(DebriefSession session, SessionDetails details)
    {
        EnsureOwn(session);
        EnsureSessionsEditable();
        session.Reschedule(details);
    }

    public void CancelSession(DebriefSession session, string reason)
    {
        EnsureOwn(session);
        EnsureSessionsEditable();
        session.Cancel(reason);
    }

    public SessionParticipant AddStaffParticipant(DebriefSession session, string userId, string name, string role)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        EnsureOwn(session);
        EnsureSessionsEditable();
        return session.AddParticipant(userId, name, role, ParticipantAgency.ThisAgency);
    }

    public SessionParticipant AddOutsideParticipant(DebriefSession session, string name, string role, ParticipantAgency agency)
    {
        EnsureOwn(session);
        EnsureSessionsEditable();
        return session.AddParticipant(null, name, role, agency);
    }

    public void RemoveParticipant(DebriefSession session, int participantId)
    {
        EnsureOwn(session);
        EnsureSessionsEditable();
        session.RemoveParticipant(participantId);
    }

    public void RecordGroundRules(DebriefSession session, IReadOnlyCollection<int> agreedParticipantIds, string userId, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        EnsureOwn(session);
        EnsureDebriefEditable();
        session.RecordGroundRules(agreedParticipantIds, userId, now);
    }

    public void SaveSessionNotes(DebriefSession session, string? notes)
    {
        EnsureOwn(session);
        EnsureDebriefEditable();
        session.SaveNotes(notes);
    }

    public void MarkSessionHeld(DebriefSession session)
    {
        EnsureOwn(session);
        EnsureDebriefEditable();
        session.MarkHeld();
    }

    // Decision points

    /// <summary>
    /// Adds a decision point. <paramref name="session"/> is the session it is captured in (its ground
    /// rules must be recorded), or null outside a session; <paramref name="linked"/> is the chronology
    /// entry named by <see cref="DecisionDetails.ChronologyEntryId"/>, if any.
    /// </summary>
    public DecisionPoint AddDecisionPoint(DebriefSession? session, DecisionDetails details, ChronologyEntry? linked, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(details);
        EnsureDebriefEditable();
        if (session is not null)
        {
            EnsureOwn(session);
            session.EnsureCanCapture();
        }

        EnsureLink(details, linked);
        return DecisionPoint.Create(Id, session?.Id, details, now);
    }

    public void EditDecisionPoint(DecisionPoint point, DecisionDetails details, ChronologyEntry? linked)
    {
        ArgumentNullException.ThrowIfNull(details);
        EnsureOwn(point);
        EnsureDebriefEditable();
        EnsureLink(details, linked);
        point.Apply(details);
    }

    public void RemoveDecisionPoint(DecisionPoint point)
    {
        EnsureOwn(point);
        EnsureDebriefEditable();
    }

    /// <summary>Moves to Findings. Needs a held session whose ground rules were recorded, and at least one decision point.</summary>
    public void CompleteDebrief(IReadOnlyCollection<DebriefSession> sessions, int decisionPointCount, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        EnsureStage(ReviewStage.Debrief, "complete the debrief");
        var problems = new List<string>();
        if (!sessions.Any(s => s.ReviewId == Id && s.Status == SessionStatus.Held && s.GroundRulesRecorded))
        {
            problems.Add("at least one session marked as held, with its ground rules recorded");
        }

        if (decisionPointCount == 0)
        {
            problems.Add("at least one decision point");
        }

        if (problems.Count > 0)
        {
            throw new DomainException($"The debrief cannot be completed yet. It needs {string.Join(" and ", problems)}.");
        }

        MoveTo(ReviewStage.Findings, now);
    }

    /// <summary>
    /// A Supervisor takes the review back to a completed step so it can be corrected; the reason is kept.
    /// Its actions (<paramref name="actions"/> must be every one) leave the follow-up list: an approved
    /// review reopened is no longer approved.
    /// </summary>
    public void Reopen(ReviewStage step, IEnumerable<ReviewAction> actions, string reason, string supervisorUserId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentException.ThrowIfNullOrWhiteSpace(supervisorUserId);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("A written reason is required to reopen a step.");
        }

        if (!ReopenableSteps.Contains(step))
        {
            throw new DomainException(Stage == ReviewStage.Approval
                ? "The review is waiting for approval: return it with comments instead."
                : $"{step.DisplayName()} cannot be reopened: the review is at {Stage.DisplayName()}.");
        }

        // Every action is checked before any changes, so a refusal leaves them all as they were.
        var own = actions.ToList();
        own.ForEach(EnsureOwn);
        own.ForEach(a => a.StopFollowUp());

        ReopenedStage = step;
        ReopenReason = reason.Trim();
        ReopenedByUserId = supervisorUserId;
        ReopenedAt = now;
        MoveTo(step, now);
    }

    private void EnsureChronologyEditable()
    {
        if (Stage == ReviewStage.ScreenedOut)
        {
            throw new DomainException("A screened-out incident is not reviewed, so it has no chronology.");
        }

        if (!ChronologyEditable)
        {
            throw new DomainException("The review has gone for approval: its chronology is locked.");
        }
    }

    private void EnsureFamilyNeedsEditable()
    {
        if (Stage < ReviewStage.FamilyNeeds)
        {
            throw new DomainException("The family-needs analysis starts once the intake is complete.");
        }

        if (Stage > ReviewStage.FamilyNeeds)
        {
            throw new DomainException("The family-needs analysis is complete. A Supervisor can reopen it with a reason.");
        }
    }

    private void EnsureSessionsEditable()
    {
        if (Stage < ReviewStage.FamilyNeeds)
        {
            throw new DomainException("Debrief sessions can be scheduled once the intake is complete.");
        }

        if (Stage > ReviewStage.Debrief)
        {
            throw new DomainException("The debrief is complete. A Supervisor can reopen it with a reason.");
        }
    }

    private void EnsureDebriefEditable()
    {
        if (Stage < ReviewStage.Debrief)
        {
            throw new DomainException("Ground rules, notes and decision points are recorded in the debrief, once the family-needs analysis is complete.");
        }

        if (Stage > ReviewStage.Debrief)
        {
            throw new DomainException("The debrief is complete. A Supervisor can reopen it with a reason.");
        }
    }

    private void EnsureLink(DecisionDetails details, ChronologyEntry? linked)
    {
        if (details.ChronologyEntryId is { } id && (linked is null || linked.Id != id || linked.ReviewId != Id))
        {
            throw new DomainException("Choose a chronology entry of this review.");
        }
    }

    private void EnsureOwn(IReviewPart part)
    {
        ArgumentNullException.ThrowIfNull(part);
        if (part.ReviewId != Id)
        {
            throw new DomainException("That item belongs to another review.");
        }
    }
}
