using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Web.Infrastructure;

/// <summary>
/// Checks the signed-in account on every request (the validation interval is zero) with one query:
/// the security stamp and everything <see cref="ClaimsFactory"/> derives from the account and its
/// jurisdiction. When all of it still matches the cookie, the request goes on with the cookie's
/// principal. Otherwise Identity's own <see cref="SecurityStampValidator{TUser}"/> takes over: a changed stamp (role change, lock,
/// two-factor change, new password) signs the person out; any other change (display name,
/// jurisdiction name or time zone, the jurisdiction's two-factor rule) rebuilds the principal and renews the
/// cookie. Without this, every request rebuilt the principal (five queries) and re-issued the cookie.
/// Identity's validator is resolved only then: it needs the sign-in and user managers, whose
/// construction (token providers, data protectors) cost a sign-in request about 2% of an overview's time.
/// </summary>
public sealed class AccountStampValidator(IOptions<IdentityOptions> identityOptions, ReviewsDbContext db) : ISecurityStampValidator
{
    private static readonly Func<ReviewsDbContext, string, CancellationToken, Task<Account?>> Load = EF.CompileAsyncQuery(
        (ReviewsDbContext db, string id, CancellationToken _) =>
            (from u in db.Users.IgnoreQueryFilters()
             where u.Id == id
             from j in db.Jurisdictions.IgnoreQueryFilters().Where(j => j.Id == u.JurisdictionId).DefaultIfEmpty()
             select new Account(
                 u.SecurityStamp,
                 u.DisplayName,
                 u.JurisdictionId,
                 u.TwoFactorEnabled,
                 j == null ? null : j.Name,
                 j == null ? null : j.TimeZoneId,
                 j != null && j.RequireTwoFactorForSupervisors))
            .FirstOrDefault());

    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var claims = identityOptions.Value.ClaimsIdentity;
        var userId = context.Principal?.FindFirstValue(claims.UserIdClaimType);
        if (context.Principal is { } principal && userId is not null)
        {
            var account = await Load(db, userId, context.HttpContext.RequestAborted);
            if (account is not null && Unchanged(principal, account, claims))
            {
                return;
            }
        }

        await context.HttpContext.RequestServices.GetRequiredService<SecurityStampValidator<ApplicationUser>>().ValidateAsync(context);
    }

    /// <summary>True when the cookie's principal is what <see cref="ClaimsFactory"/> would build from the account now.</summary>
    private static bool Unchanged(ClaimsPrincipal principal, Account account, ClaimsIdentityOptions claims)
    {
        var setupRequired = principal.Identity is ClaimsIdentity identity
            && ClaimsFactory.TwoFactorSetupRequired(account.RequireTwoFactorForSupervisors, account.TwoFactorEnabled, identity, claims);
        return account.SecurityStamp is not null
            && string.Equals(principal.FindFirstValue(claims.SecurityStampClaimType), account.SecurityStamp, StringComparison.Ordinal)
            && string.Equals(principal.FindFirstValue(AppClaims.DisplayName), account.DisplayName, StringComparison.Ordinal)
            && string.Equals(principal.FindFirstValue(AppClaims.JurisdictionId), account.JurisdictionId?.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            && string.Equals(principal.FindFirstValue(AppClaims.JurisdictionName), account.JurisdictionName, StringComparison.Ordinal)
            && string.Equals(principal.FindFirstValue(AppClaims.TimeZone), account.TimeZoneId, StringComparison.Ordinal)
            && principal.HasClaim(c => c.Type == AppClaims.TwoFactorSetupRequired) == setupRequired;
    }

    private sealed record Account(string? SecurityStamp, string DisplayName, int? JurisdictionId, bool TwoFactorEnabled, string? JurisdictionName, string? TimeZoneId, bool RequireTwoFactorForSupervisors);
}
