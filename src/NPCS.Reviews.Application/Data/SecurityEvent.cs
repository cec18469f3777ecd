namespace NPCS.Reviews.Application.Data;

/// <summary>What a line of the security log records.</summary>
public enum SecurityEventKind
{
    SignedIn = 1,
    SignInFailed = 2,
    LockedOut = 3,
    TwoFactorEnabled = 4,
    TwoFactorDisabled = 5,
    RecoveryCodesIssued = 6,
    RoleChanged = 7,
    AccountLocked = 8,
    AccountUnlocked = 9,
    AccountCreated = 10,
    PasswordLinkIssued = 11,
    TwoFactorRequirementChanged = 12,
}

/// <summary>
/// One line of the security log: what happened to which account, who did it, when and from which
/// address. Append-only (the database refuses updates and deletes). It never holds a password, a
/// code, or the name typed in a failed sign-in: an attempt on an account that does not exist is
/// recorded as "unknown account", outside every jurisdiction.
/// </summary>
public sealed class SecurityEvent
{
    public const int DetailMaxLength = 200;
    public const int ClientAddressMaxLength = 64;

    private SecurityEvent()
    {
    }

    public long Id { get; private set; }

    public DateTimeOffset At { get; private set; }

    public SecurityEventKind Kind { get; private set; }

    /// <summary>The jurisdiction of the account concerned; null for an unknown account or an analyst.</summary>
    public int? JurisdictionId { get; private set; }

    /// <summary>Who did it: the account holder for their own sign-in and settings, the administrator for account changes; null for a failed sign-in.</summary>
    public string? ActorUserId { get; private set; }

    /// <summary>The account concerned, by id; null when a sign-in named no existing account.</summary>
    public string? SubjectUserId { get; private set; }

    /// <summary>A short fixed phrase ("wrong password", "Caseworker to Supervisor"), never typed input.</summary>
    public string? Detail { get; private set; }

    public string? ClientAddress { get; private set; }

    public static SecurityEvent Of(
        SecurityEventKind kind,
        DateTimeOffset at,
        int? jurisdictionId,
        string? actorUserId,
        string? subjectUserId,
        string? detail,
        string? clientAddress) => new()
        {
            Kind = kind,
            At = at,
            JurisdictionId = jurisdictionId,
            ActorUserId = actorUserId,
            SubjectUserId = subjectUserId,
            Detail = detail is null || detail.Length <= DetailMaxLength ? detail : detail[..DetailMaxLength],
            ClientAddress = clientAddress is null || clientAddress.Length <= ClientAddressMaxLength ? clientAddress : clientAddress[..ClientAddressMaxLength],
        };
}
