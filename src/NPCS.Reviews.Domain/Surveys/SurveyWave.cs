namespace NPCS.Reviews.Domain.Surveys;

/// <summary>
/// One round of a survey: an instrument version, the dates it is open (in the agency's time zone,
/// both days included) and the units it covers with how many people were invited in each.
/// </summary>
public sealed class SurveyWave
{
    public const int TitleMaxLength = 200;
    public const int MaxInvitedPerUnit = 5000;
    public const int MaxUnits = 50;

    private readonly List<SurveyUnit> _units = [];

    private SurveyWave()
    {
        Title = string.Empty;
    }

    public SurveyWave(int jurisdictionId, int instrumentId, string title, DateOnly opensOn, DateOnly closesOn, IEnumerable<(string Name, int Invited)> units, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(units);
        if (string.IsNullOrWhiteSpace(title) || title.Trim().Length > TitleMaxLength)
        {
            throw new DomainException($"A wave needs a title of at most {TitleMaxLength} characters.");
        }

        if (closesOn < opensOn)
        {
            throw new DomainException("The closing date cannot be before the opening date.");
        }

        JurisdictionId = jurisdictionId;
        InstrumentId = instrumentId;
        Title = title.Trim();
        OpensOn = opensOn;
        ClosesOn = closesOn;
        CreatedAt = createdAt;
        var order = 0;
        foreach (var (name, invited) in units)
        {
            if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > SurveyUnit.NameMaxLength)
            {
                throw new DomainException($"Every unit needs a name of at most {SurveyUnit.NameMaxLength} characters.");
            }

            if (invited is < 1 or > MaxInvitedPerUnit)
            {
                throw new DomainException($"Each unit invites between 1 and {MaxInvitedPerUnit} people.");
            }

            if (_units.Any(u => string.Equals(u.Name, name.Trim(), StringComparison.OrdinalIgnoreCase)))
            {
                throw new DomainException($"The unit {name.Trim()} is listed twice.");
            }

            _units.Add(new SurveyUnit(name.Trim(), invited, ++order));
        }

        if (_units.Count is 0 or > MaxUnits)
        {
            throw new DomainException($"A wave covers between 1 and {MaxUnits} units.");
        }
    }

    public int Id { get; private set; }

    public int JurisdictionId { get; private set; }

    public int InstrumentId { get; private set; }

    public string Title { get; private set; }

    /// <summary>First day answers are accepted (agency's time zone).</summary>
    public DateOnly OpensOn { get; private set; }

    /// <summary>Last day answers are accepted (agency's time zone).</summary>
    public DateOnly ClosesOn { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public IReadOnlyList<SurveyUnit> Units => _units;

    public bool IsOpenOn(DateOnly today) => today >= OpensOn && today <= ClosesOn;
}

/// <summary>A team or office a wave covers, and how many of its staff were invited (the response rate's denominator).</summary>
public sealed class SurveyUnit
{
    public const int NameMaxLength = 100;

    private SurveyUnit()
    {
        Name = string.Empty;
    }

    internal SurveyUnit(string name, int invited, int order)
    {
        Name = name;
        Invited = invited;
        Order = order;
    }

    public int Id { get; private set; }

    public int WaveId { get; private set; }

    public string Name { get; private set; }

    public int Invited { get; private set; }

    public int Order { get; private set; }
}

/// <summary>
/// A single-use invitation. Only the SHA-256 of its random token is kept (the token itself is shown
/// once to the Administrator), its unit (for the response rate) and whether it was used: nothing
/// says which response it gave.
/// </summary>
public sealed class SurveyLink
{
    public const int HashLength = 43;

    private SurveyLink()
    {
        TokenHash = string.Empty;
    }

    public SurveyLink(int waveId, int unitId, string tokenHash)
    {
        WaveId = waveId;
        UnitId = unitId;
        TokenHash = tokenHash;
    }

    public int Id { get; private set; }

    public int WaveId { get; private set; }

    public int UnitId { get; private set; }

    /// <summary>SHA-256 of the token, base64url.</summary>
    public string TokenHash { get; private set; }

    public bool Used { get; private set; }

    public void Use()
    {
        if (Used)
        {
            throw new DomainException("This link has already been used.");
        }

        Used = true;
    }
}

/// <summary>
/// Answers given so far through one link, kept so the survey can be resumed; deleted in the same
/// save that stores the response, so nothing remains that ties the response to the link.
/// </summary>
public sealed class SurveyDraft
{
    private SurveyDraft()
    {
        LinkHash = string.Empty;
        Answers = string.Empty;
    }

    public SurveyDraft(string linkHash, string answers)
    {
        LinkHash = linkHash;
        Answers = answers;
    }

    /// <summary>The link's token hash (the key).</summary>
    public string LinkHash { get; private set; }

    /// <summary>Item code to answer, as JSON; null stands for "prefer not to say".</summary>
    public string Answers { get; private set; }

    public void Replace(string answers) => Answers = answers;
}

/// <summary>
/// A submitted questionnaire: its wave, its unit, the date (no time) and the answers. No user, link,
/// address, browser or time of day, and a random id, so neither its columns nor its key say who or when.
/// </summary>
public sealed class SurveyResponse
{
    private readonly List<SurveyAnswer> _answers = [];

    private SurveyResponse()
    {
    }

    public SurveyResponse(int waveId, int unitId, DateOnly submittedOn, IEnumerable<KeyValuePair<string, int?>> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        Id = Guid.NewGuid();
        WaveId = waveId;
        UnitId = unitId;
        SubmittedOn = submittedOn;
        _answers.AddRange(answers.Select(a => new SurveyAnswer(Id, a.Key, a.Value)));
    }

    public Guid Id { get; private set; }

    public int WaveId { get; private set; }

    public int UnitId { get; private set; }

    public DateOnly SubmittedOn { get; private set; }

    public IReadOnlyList<SurveyAnswer> Answers => _answers;
}

/// <summary>One item's answer; <see cref="Value"/> is null for "prefer not to say".</summary>
public sealed class SurveyAnswer
{
    private SurveyAnswer()
    {
        ItemCode = string.Empty;
    }

    internal SurveyAnswer(Guid responseId, string itemCode, int? value)
    {
        ResponseId = responseId;
        ItemCode = itemCode;
        Value = value;
    }

    public Guid ResponseId { get; private set; }

    public string ItemCode { get; private set; }

    public int? Value { get; private set; }
}
