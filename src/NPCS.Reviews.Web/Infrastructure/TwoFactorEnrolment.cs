using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Web.Infrastructure;

/// <summary>A page a person who must set up two-factor sign-in may still open: the setup page and sign-out.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class AllowBeforeTwoFactorSetupAttribute : Attribute
{
}

/// <summary>
/// A Supervisor or Administrator whose jurisdiction requires two-factor sign-in, and who has not set
/// it up, is sent to the setup page from every page that needs a signed-in user (the claim comes
/// from <see cref="ClaimsFactory"/>, rebuilt on every request). Public pages and static files stay reachable.
/// </summary>
public static class TwoFactorEnrolment
{
    public const string SetupPath = "/Account/TwoFactor";

    public static IApplicationBuilder UseTwoFactorEnrolment(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Use(async (context, next) =>
        {
            if (context.User.HasClaim(c => c.Type == AppClaims.TwoFactorSetupRequired)
                && context.GetEndpoint() is { } endpoint
                && endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is null
                && endpoint.Metadata.GetMetadata<AllowBeforeTwoFactorSetupAttribute>() is null)
            {
                context.Response.Redirect(SetupPath);
                return;
            }

            await next();
        });
    }
}
