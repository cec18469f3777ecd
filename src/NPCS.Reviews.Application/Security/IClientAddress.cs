namespace NPCS.Reviews.Application.Security;

/// <summary>The network address the current request came from, for the security log.</summary>
public interface IClientAddress
{
    string? Value { get; }
}

/// <summary>Outside a web request (tools, handler tests) there is no address.</summary>
public sealed class NoClientAddress : IClientAddress
{
    public string? Value => null;
}
