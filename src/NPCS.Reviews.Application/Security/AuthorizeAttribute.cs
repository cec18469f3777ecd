namespace NPCS.Reviews.Application.Security;

/// <summary>
/// Roles allowed to send a request (comma-separated, any of them). Enforced by the authorization
/// pipeline behavior, so no caller (page, test, job) can skip it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class AuthorizeAttribute(string roles) : Attribute
{
    public string Roles { get; } = roles;
}
