using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NPCS.Reviews.Application.Data;

namespace NPCS.Reviews.Application.Security;

/// <summary>
/// Identity's user store, except that the two-factor secrets (the authenticator key and the
/// recovery codes) are encrypted with Data Protection before they reach <c>AspNetUserTokens</c>.
/// Identity stores both as plain text; anyone with a copy of the database could then make valid
/// codes for every account. With the keys encrypted at rest too (a certificate, deployment.md),
/// a stolen database alone no longer gives them away.
/// </summary>
internal sealed class ProtectedTokenUserStore(ReviewsDbContext context, IDataProtectionProvider protection, IdentityErrorDescriber? describer = null)
    : UserStore<ApplicationUser, IdentityRole, ReviewsDbContext>(context, describer)
{
    // The names Identity's UserStoreBase uses for the two secrets.
    private const string IdentityProvider = "[AspNetUserStore]";
    private static readonly HashSet<string> Secrets = new(StringComparer.Ordinal) { "AuthenticatorKey", "RecoveryCodes" };

    private readonly IDataProtector _protector = protection.CreateProtector("NPCS.Reviews.TwoFactorSecrets");

    public override Task SetTokenAsync(ApplicationUser user, string loginProvider, string name, string? value, CancellationToken cancellationToken) =>
        base.SetTokenAsync(user, loginProvider, name, IsSecret(loginProvider, name) && value is not null ? _protector.Protect(value) : value, cancellationToken);

    public override async Task<string?> GetTokenAsync(ApplicationUser user, string loginProvider, string name, CancellationToken cancellationToken)
    {
        var stored = await base.GetTokenAsync(user, loginProvider, name, cancellationToken);
        if (stored is null || !IsSecret(loginProvider, name))
        {
            return stored;
        }

        try
        {
            return _protector.Unprotect(stored);
        }
        catch (CryptographicException)
        {
            // Unreadable (stored before this store, or by keys since lost): as if never set up, so the
            // person sets up the app again instead of being unable to sign in with a code that can't be checked.
            return null;
        }
    }

    private static bool IsSecret(string loginProvider, string name) => loginProvider == IdentityProvider && Secrets.Contains(name);
}

public static class ProtectedTokenUserStoreRegistration
{
    /// <summary>Replaces the EF Core user store with <see cref="ProtectedTokenUserStore"/>; call after AddEntityFrameworkStores.</summary>
    public static IdentityBuilder AddProtectedTwoFactorSecrets(this IdentityBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddDataProtection();
        builder.Services.AddScoped<IUserStore<ApplicationUser>, ProtectedTokenUserStore>();
        return builder;
    }
}
