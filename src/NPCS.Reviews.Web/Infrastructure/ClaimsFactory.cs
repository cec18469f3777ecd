using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Web.Infrastructure;

/// <summary>Adds the jurisdiction, display name and any pending two-factor setup to the sign-in cookie, so each request knows its scope.</summary>
public sealed class ClaimsFactory(
    UserManager<ApplicationUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options,
    ReviewsDbContext db)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(AppClaims.DisplayName, user.DisplayName));
        if (user.JurisdictionId is { } id)
        {
            identity.AddClaim(new Claim(AppClaims.JurisdictionId, id.ToString(CultureInfo.InvariantCulture)));
            var jurisdiction = await db.Jurisdictions.IgnoreQueryFilters()
                .Where(j => j.Id == id)
                .Select(j => new { j.Name, j.TimeZoneId, j.RequireTwoFactorForSupervisors })
                .SingleOrDefaultAsync();
            if (jurisdiction is not null)
            {
                identity.AddClaim(new Claim(AppClaims.JurisdictionName, jurisdiction.Name));
                identity.AddClaim(new Claim(AppClaims.TimeZone, jurisdiction.TimeZoneId));

                // Rebuilt on every request (the security stamp is checked each time), so turning the
                // requirement on reaches a signed-in Supervisor at their next click.
                if (TwoFactorSetupRequired(jurisdiction.RequireTwoFactorForSupervisors, user.TwoFactorEnabled, identity, Options.ClaimsIdentity))
                {
                    identity.AddClaim(new Claim(AppClaims.TwoFactorSetupRequired, "true"));
                }
            }
        }

        return identity;
    }

    /// <summary>
    /// Whether the account must set up two-factor sign-in before anything else: its jurisdiction
    /// requires it of Supervisors and Administrators, it holds one of those roles, and it has none yet.
    /// </summary>
    public static bool TwoFactorSetupRequired(bool requiredByJurisdiction, bool twoFactorEnabled, ClaimsIdentity identity, ClaimsIdentityOptions claims)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(claims);
        return requiredByJurisdiction
            && !twoFactorEnabled
            && Roles.TwoFactorRequired.Any(r => identity.HasClaim(claims.RoleClaimType, r));
    }
}
