namespace NPCS.Reviews.Domain.Jurisdictions;

public enum JurisdictionKind
{
    State = 1,
    County = 2,
    Tribal = 3,
}

/// <summary>A state, county or tribal agency. It owns its reviews and sets its review policy.</summary>
public class Jurisdiction
{
    public const int NameMaxLength = 120;
    public const int CodeMaxLength = 8;
    public const int TimeZoneMaxLength = 64;
    public const string DefaultTimeZone = "America/New_York";
    public const int PseudonymKeyLength = 32;

    private Jurisdiction()
    {
        Name = string.Empty;
        Code = string.Empty;
        Policy = ReviewPolicy.Default;
        TimeZoneId = DefaultTimeZone;
        PseudonymKey = [];
    }

    public Jurisdiction(string name, JurisdictionKind kind, string code, ReviewPolicy? policy = null, string timeZoneId = DefaultTimeZone)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > NameMaxLength)
        {
            throw new DomainException($"A jurisdiction needs a name of at most {NameMaxLength} characters.");
        }

        if (string.IsNullOrWhiteSpace(code) || code.Length > CodeMaxLength || !code.All(char.IsAsciiLetterOrDigit))
        {
            throw new DomainException($"A jurisdiction code is 1 to {CodeMaxLength} letters or digits.");
        }

        Name = name.Trim();
        Kind = kind;
        Code = code.ToUpperInvariant();
        Policy = policy ?? ReviewPolicy.Default;
        TimeZoneId = EnsureTimeZone(timeZoneId);
        PseudonymKey = System.Security.Cryptography.RandomNumberGenerator.GetBytes(PseudonymKeyLength);
    }

    public int Id { get; private set; }

    public string Name { get; private set; }

    public JurisdictionKind Kind { get; private set; }

    /// <summary>Short code used in review numbers, e.g. DEMO in DEMO-2026-0001.</summary>
    public string Code { get; private set; }

    public ReviewPolicy Policy { get; private set; }

    /// <summary>
    /// The agency's time zone (IANA id, e.g. America/Chicago). "Today" for the agency (no incident in
    /// the future, overdue deadlines, the year in review numbers) is the date there, not in UTC.
    /// </summary>
    public string TimeZoneId { get; private set; }

    /// <summary>
    /// Supervisors and Administrators must sign in with an authenticator app as well as their password.
    /// On for every new jurisdiction; only the demo data of a developer's machine starts with it off.
    /// </summary>
    public bool RequireTwoFactorForSupervisors { get; private set; } = true;

    /// <summary>
    /// The secret behind the review pseudonyms of this jurisdiction's de-identified extracts: a keyed
    /// hash of a review's id under this key is stable across the jurisdiction's exports and means
    /// nothing to anyone without the key. Random per jurisdiction; never shown or exported.
    /// </summary>
#pragma warning disable CA1819 // A key is bytes; EF Core maps byte[] to a binary column and nothing outside reads it.
    public byte[] PseudonymKey { get; private set; }
#pragma warning restore CA1819

    /// <summary>Optimistic concurrency token; changes on every update.</summary>
    public Guid Version { get; private set; } = Guid.NewGuid();

    public void ChangePolicy(ReviewPolicy policy, string timeZoneId)
    {
        ArgumentNullException.ThrowIfNull(policy);
        TimeZoneId = EnsureTimeZone(timeZoneId);
        Policy = policy;
        Version = Guid.NewGuid();
    }

    public void SetTwoFactorRequirement(bool required)
    {
        if (RequireTwoFactorForSupervisors != required)
        {
            RequireTwoFactorForSupervisors = required;
            Version = Guid.NewGuid();
        }
    }

    /// <summary>The calendar date in this jurisdiction at the given instant.</summary>
    public DateOnly Today(DateTimeOffset now) => TodayIn(TimeZoneId, now);

    public static DateOnly TodayIn(string? timeZoneId, DateTimeOffset now)
    {
        var zone = timeZoneId is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var found) ? found : TimeZoneInfo.Utc;
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
    }

    private static string EnsureTimeZone(string timeZoneId)
    {
        if (string.IsNullOrWhiteSpace(timeZoneId) || timeZoneId.Length > TimeZoneMaxLength || !TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out _))
        {
            throw new DomainException("Choose a time zone from the list.");
        }

        return timeZoneId;
    }
}

/// <summary>The time zones of US states, territories and tribal nations, as offered to administrators.</summary>
public static class UsTimeZones
{
    public static IReadOnlyList<(string Id, string Name)> All { get; } =
    [
        ("America/New_York", "Eastern"),
        ("America/Chicago", "Central"),
        ("America/Denver", "Mountain"),
        ("America/Phoenix", "Mountain, no daylight saving (Arizona)"),
        ("America/Los_Angeles", "Pacific"),
        ("America/Anchorage", "Alaska"),
        ("Pacific/Honolulu", "Hawaii"),
        ("America/Puerto_Rico", "Atlantic (Puerto Rico, US Virgin Islands)"),
        ("Pacific/Guam", "Chamorro (Guam, Northern Mariana Islands)"),
        ("Pacific/Pago_Pago", "Samoa (American Samoa)"),
    ];
}
