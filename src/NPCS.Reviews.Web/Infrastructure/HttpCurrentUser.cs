using System.Globalization;
using System.Security.Claims;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Web.Infrastructure;

/// <summary>The signed-in user, read from the authentication cookie's claims.</summary>
public sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User is { Identity.IsAuthenticated: true } user ? user : null;

    public string? UserId => Principal?.FindFirstValue(ClaimTypes.NameIdentifier);

    public int? JurisdictionId =>
        int.TryParse(Principal?.FindFirstValue(AppClaims.JurisdictionId), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public string? TimeZoneId => Principal?.FindFirstValue(AppClaims.TimeZone);

    public bool IsInRole(string role) => Principal?.IsInRole(role) ?? false;
}
