using Microsoft.AspNetCore.Identity;

namespace NPCS.Reviews.Application.Data;

/// <summary>An agency account. Belongs to one jurisdiction (analysts, at NPCS level, to none).</summary>
public class ApplicationUser : IdentityUser
{
    public const int DisplayNameMaxLength = 100;

    public string DisplayName { get; set; } = string.Empty;

    public int? JurisdictionId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>A new agency account: the email is the sign-in name, already confirmed (an administrator vouches for it).</summary>
    public static ApplicationUser Open(string email, string displayName, int? jurisdictionId, DateTimeOffset createdAt) => new()
    {
        UserName = email,
        Email = email,
        EmailConfirmed = true,
        DisplayName = displayName,
        JurisdictionId = jurisdictionId,
        CreatedAt = createdAt,
    };
}
