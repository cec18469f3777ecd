using Microsoft.AspNetCore.Identity;

namespace NPCS.Reviews.Application.Data;

/// <summary>An agency account. Belongs to one jurisdiction (analysts, at NPCS level, to none).</summary>
public class ApplicationUser : IdentityUser
{
    public const int DisplayNameMaxLength = 100;

    public string DisplayName { get; set; } = string.Empty;

    public int? JurisdictionId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
