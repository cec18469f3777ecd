namespace NPCS.Reviews.Tests.Support;

/// <summary>The demo accounts the fixtures seed.</summary>
public static class Users
{
    public const string Caseworker = "caseworker@demo.local";
    public const string Facilitator = "facilitator@demo.local";
    public const string Supervisor = "supervisor@demo.local";
    public const string Admin = "admin@demo.local";
    public const string Analyst = "analyst@demo.local";
    public const string OtherCaseworker = "other.caseworker@demo.local";
}
