namespace NPCS.Reviews.Domain.Reviews;

public sealed record SessionDetails(DateOnly Date, TimeOnly StartTime, string Location, string FacilitatorId);

/// <summary>The ground rules read at the start of every debrief session, in the order they are read.</summary>
public static class GroundRules
{
    public static IReadOnlyList<string> All { get; } =
    [
        "Confidential: what is said here stays with the review team. Debrief notes are not a personnel record.",
        "Non-punitive: we are here to learn how the system shaped the work, not to find someone to blame.",
        "No hindsight judgement: we look at what was known and what made sense at the time, not at what we know now.",
        "Speak for yourself: describe your own work, what you saw, knew and expected, in your own words.",
    ];
}

/// <summary>
/// One workforce debrief session. Its notes and the decision points captured in it are confidential
/// to the review team; anyone else with access to the review sees only that it exists and when.
/// </summary>
public sealed class DebriefSession : IReviewPart
{
    public const int LocationMaxLength = 500;
    public const int NotesMaxLength = 20000;
    public const int ReasonMaxLength = 1000;

    private readonly List<SessionParticipant> _participants = [];

    private DebriefSession()
    {
        Location = string.Empty;
        FacilitatorId = string.Empty;
    }

    public int Id { get; private set; }

    public int ReviewId { get; private set; }

    public DateOnly Date { get; private set; }

    /// <summary>Local time in the jurisdiction, as people in the room read it.</summary>
    public TimeOnly StartTime { get; private set; }

    /// <summary>A place or a video link.</summary>
    public string Location { get; private set; }

    public string FacilitatorId { get; private set; }

    public SessionStatus Status { get; private set; }

    public string? CancellationReason { get; private set; }

    public DateTimeOffset? GroundRulesRecordedAt { get; private set; }

    public string? GroundRulesRecordedByUserId { get; private set; }

    /// <summary>Confidential to the review team.</summary>
    public string? Notes { get; private set; }

    public Guid Version { get; private set; }

    public IReadOnlyList<SessionParticipant> Participants => _participants;

    public bool GroundRulesRecorded => GroundRulesRecordedAt is not null;

    internal static DebriefSession Schedule(int reviewId, SessionDetails details)
    {
        var session = new DebriefSession { ReviewId = reviewId, Status = SessionStatus.Scheduled };
        session.Apply(details);
        return session;
    }

    internal void Reschedule(SessionDetails details)
    {
        EnsureScheduled("change the time, place or facilitator of");
        Apply(details);
    }

    internal void Cancel(string reason)
    {
        EnsureScheduled("cancel");
        CancellationReason = Text.Required(reason, "A reason for cancelling");
        Status = SessionStatus.Cancelled;
        Touch();
    }

    internal SessionParticipant AddParticipant(string? userId, string name, string role, ParticipantAgency agency)
    {
        EnsureNotCancelled();
        if (userId is not null && _participants.Any(p => p.UserId == userId))
        {
            throw new DomainException("This person is already a participant of the session.");
        }

        var participant = SessionParticipant.Create(userId, name, role, agency);
        _participants.Add(participant);
        Touch();
        return participant;
    }

    internal void RemoveParticipant(int participantId)
    {
        EnsureNotCancelled();
        var participant = _participants.SingleOrDefault(p => p.Id == participantId)
            ?? throw new DomainException("That participant is not part of this session.");
        if (participant.AgreedToGroundRules)
        {
            throw new DomainException("A participant who agreed to the ground rules stays on the record of the session.");
        }

        _participants.Remove(participant);
        Touch();
    }

    /// <summary>The facilitator read the ground rules; the participants who are present and agreed are recorded.</summary>
    internal void RecordGroundRules(IReadOnlyCollection<int> agreedParticipantIds, string userId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(agreedParticipantIds);
        EnsureNotCancelled();
        if (agreedParticipantIds.Count == 0)
        {
            throw new DomainException("Record which participants agreed to the ground rules: at least one.");
        }

        var unknown = agreedParticipantIds.Except(_participants.Select(p => p.Id)).Any();
        if (unknown)
        {
            throw new DomainException("Only participants of this session can agree to its ground rules.");
        }

        foreach (var participant in _participants)
        {
            participant.Agree(agreedParticipantIds.Contains(participant.Id));
        }

        GroundRulesRecordedAt = now;
        GroundRulesRecordedByUserId = userId;
        Touch();
    }

    internal void SaveNotes(string? notes)
    {
        EnsureNotCancelled();
        EnsureGroundRules("notes can be taken");
        Notes = Text.Optional(notes);
        Touch();
    }

    internal void MarkHeld()
    {
        EnsureScheduled("mark as held");
        EnsureGroundRules("the session can be marked as held");
        Status = SessionStatus.Held;
        Touch();
    }

    internal void EnsureCanCapture()
    {
        EnsureNotCancelled();
        EnsureGroundRules("decision points can be recorded in this session");
    }

    private void Apply(SessionDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        Date = details.Date;
        StartTime = details.StartTime;
        Location = Text.Required(details.Location, "The place or video link");
        FacilitatorId = Text.Required(details.FacilitatorId, "The facilitator");
        Touch();
    }

    private void EnsureScheduled(string action)
    {
        if (Status != SessionStatus.Scheduled)
        {
            throw new DomainException($"Cannot {action} a session that is {Status.DisplayName().ToLowerInvariant()}.");
        }
    }

    private void EnsureNotCancelled()
    {
        if (Status == SessionStatus.Cancelled)
        {
            throw new DomainException("This session was cancelled.");
        }
    }

    private void EnsureGroundRules(string what)
    {
        if (!GroundRulesRecorded)
        {
            throw new DomainException($"Record that the ground rules were read, and who agreed, before {what}.");
        }
    }

    private void Touch() => Version = Guid.NewGuid();
}

/// <summary>Someone taking part in a debrief session: a user of the jurisdiction, or a person from outside (police, hospital, school...).</summary>
public sealed class SessionParticipant
{
    public const int NameMaxLength = 200;
    public const int RoleMaxLength = 100;

    private SessionParticipant()
    {
        Name = string.Empty;
        Role = string.Empty;
    }

    public int Id { get; private set; }

    public int SessionId { get; private set; }

    /// <summary>Set for staff with an account; null for an outside participant.</summary>
    public string? UserId { get; private set; }

    public string Name { get; private set; }

    /// <summary>Their role in the case, e.g. "Investigator", "ER physician".</summary>
    public string Role { get; private set; }

    public ParticipantAgency Agency { get; private set; }

    public bool AgreedToGroundRules { get; private set; }

    public bool IsStaff => UserId is not null;

    internal static SessionParticipant Create(string? userId, string name, string role, ParticipantAgency agency) => new()
    {
        UserId = string.IsNullOrWhiteSpace(userId) ? null : userId,
        Name = Text.Required(name, "The participant's name"),
        Role = Text.Required(role, "The participant's role"),
        Agency = agency,
    };

    internal void Agree(bool agreed) => AgreedToGroundRules = agreed;
}

public sealed record DecisionDetails(
    DateOnly Date,
    int? ChronologyEntryId,
    DeciderRole Role,
    string Decision,
    string? Cues,
    string? Knew,
    string? Expected,
    Pressure Pressures,
    string? Context);

/// <summary>
/// A moment in the case where someone chose a course of action, and why it made sense at the time
/// (local rationality). Confidential to the review team.
/// </summary>
public sealed class DecisionPoint : IReviewPart
{
    public const int TextMaxLength = 4000;

    private DecisionPoint()
    {
        Decision = string.Empty;
    }

    public int Id { get; private set; }

    public int ReviewId { get; private set; }

    /// <summary>The session it was captured in, if any.</summary>
    public int? SessionId { get; private set; }

    public DateOnly Date { get; private set; }

    public int? ChronologyEntryId { get; private set; }

    public DeciderRole Role { get; private set; }

    public string Decision { get; private set; }

    public string? Cues { get; private set; }

    public string? Knew { get; private set; }

    public string? Expected { get; private set; }

    public Pressure Pressures { get; private set; }

    public string? Context { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public Guid Version { get; private set; }

    internal static DecisionPoint Create(int reviewId, int? sessionId, DecisionDetails details, DateTimeOffset now)
    {
        var point = new DecisionPoint { ReviewId = reviewId, SessionId = sessionId, RecordedAt = now };
        point.Apply(details);
        return point;
    }

    internal void Apply(DecisionDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        Date = details.Date;
        ChronologyEntryId = details.ChronologyEntryId;
        Role = details.Role;
        Decision = Text.Required(details.Decision, "What was decided");
        Cues = Text.Optional(details.Cues);
        Knew = Text.Optional(details.Knew);
        Expected = Text.Optional(details.Expected);
        Pressures = details.Pressures;
        Context = Text.Optional(details.Context);
        Version = Guid.NewGuid();
    }

    internal void UnlinkChronology()
    {
        ChronologyEntryId = null;
        Version = Guid.NewGuid();
    }
}
