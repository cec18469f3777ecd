using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Web.Infrastructure;

/// <summary>Adds the jurisdiction and display name to the sign-in cookie, so each request knows its scope without a lookup.</summary>
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
            var name = await db.Jurisdictions.IgnoreQueryFilters().Where(j => j.Id == id).Select(j => j.Name).SingleOrDefaultAsync();
            if (name is not null)
            {
                identity.AddClaim(new Claim(AppClaims.JurisdictionName, name));
            }
        }

        return identity;
    }
}
