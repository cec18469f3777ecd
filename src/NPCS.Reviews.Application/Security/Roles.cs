namespace NPCS.Reviews.Application.Security;

public static class Roles
{
    public const string Caseworker = nameof(Caseworker);
    public const string Facilitator = nameof(Facilitator);
    public const string Supervisor = nameof(Supervisor);
    public const string Administrator = nameof(Administrator);
    public const string Analyst = nameof(Analyst);

    public static IReadOnlyList<string> All { get; } = [Caseworker, Facilitator, Supervisor, Administrator, Analyst];

    /// <summary>Roles an Administrator may give within a jurisdiction. Analysts work at NPCS level, outside any jurisdiction.</summary>
    public static IReadOnlyList<string> JurisdictionRoles { get; } = [Caseworker, Facilitator, Supervisor, Administrator];

    /// <summary>Comma-separated role groups, usable in attributes.</summary>
    public const string ReviewEditors = Caseworker + "," + Facilitator + "," + Supervisor;

    public const string ReviewReaders = ReviewEditors + "," + Administrator;

    /// <summary>Who reads safety culture survey results (only in aggregate): Supervisors and Administrators.</summary>
    public const string SurveyReaders = Supervisor + "," + Administrator;

    /// <summary>Every signed-in account, whatever its role (its own sign-in settings).</summary>
    public const string AnyRole = ReviewReaders + "," + Analyst;

    /// <summary>Who reads the trend pages: NPCS analysts (the hub) and a jurisdiction's Supervisors and Administrators (their own data).</summary>
    public const string TrendReaders = Supervisor + "," + Administrator + "," + Analyst;

    /// <summary>Roles that must sign in with an authenticator app where their jurisdiction requires it.</summary>
    public static IReadOnlyList<string> TwoFactorRequired { get; } = [Supervisor, Administrator];
}

/// <summary>Authorization policy names shared by the Razor Pages conventions and the tests.</summary>
public static class Policies
{
    /// <summary>Safety culture survey waves and results: Supervisors and Administrators.</summary>
    public const string ReadSurveys = nameof(ReadSurveys);

    public const string ReadReviews = nameof(ReadReviews);
    public const string EditReviews = nameof(EditReviews);
    public const string Administer = nameof(Administer);

    /// <summary>The NPCS hub: Analysts only.</summary>
    public const string UseHub = nameof(UseHub);

    /// <summary>Trends and the annual summary: Analysts, and a jurisdiction's Supervisors and Administrators.</summary>
    public const string ReadTrends = nameof(ReadTrends);
}

/// <summary>Claim types the application adds to the signed-in principal.</summary>
public static class AppClaims
{
    public const string JurisdictionId = "npcs:jurisdiction_id";
    public const string JurisdictionName = "npcs:jurisdiction_name";
    public const string DisplayName = "npcs:display_name";

    /// <summary>The jurisdiction's time zone (IANA id), so that "today" needs no query on each request.</summary>
    public const string TimeZone = "npcs:time_zone";

    /// <summary>Present while the account must set up two-factor sign-in before it may do anything else.</summary>
    public const string TwoFactorSetupRequired = "npcs:two_factor_setup_required";
}
