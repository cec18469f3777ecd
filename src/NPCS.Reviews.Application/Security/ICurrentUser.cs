namespace NPCS.Reviews.Application.Security;

/// <summary>Who is making the request. The DbContext scopes every query to <see cref="JurisdictionId"/>.</summary>
public interface ICurrentUser
{
    string? UserId { get; }

    /// <summary>The user's jurisdiction; null for analysts and anonymous callers, who then see no jurisdiction's records.</summary>
    int? JurisdictionId { get; }

    /// <summary>
    /// The jurisdiction's time zone as the signed-in principal carries it (checked against the
    /// database on every request), or null when the caller does not know it: then
    /// <see cref="Common.JurisdictionClock"/> reads it from the jurisdiction.
    /// </summary>
    string? TimeZoneId => null;

    bool IsInRole(string role);
}

/// <summary>No one signed in: sees no jurisdiction's data. Used at design time and before sign-in.</summary>
public sealed class AnonymousUser : ICurrentUser
{
    public static AnonymousUser Instance { get; } = new();

    public string? UserId => null;

    public int? JurisdictionId => null;

    public bool IsInRole(string role) => false;
}

public static class CurrentUserExtensions
{
    public static string RequireUserId(this ICurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.UserId ?? throw new Common.ForbiddenAccessException("You must be signed in.");
    }

    public static int RequireJurisdictionId(this ICurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.JurisdictionId ?? throw new Common.ForbiddenAccessException("Your account does not belong to a jurisdiction.");
    }

    public static bool IsInAnyRole(this ICurrentUser user, string commaSeparatedRoles)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(commaSeparatedRoles);
        return commaSeparatedRoles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Any(user.IsInRole);
    }
}
