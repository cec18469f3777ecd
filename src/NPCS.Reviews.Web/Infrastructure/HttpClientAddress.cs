using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Web.Infrastructure;

/// <summary>The address of the client that sent the current request, for the security log.</summary>
public sealed class HttpClientAddress(IHttpContextAccessor accessor) : IClientAddress
{
    public string? Value => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();
}
