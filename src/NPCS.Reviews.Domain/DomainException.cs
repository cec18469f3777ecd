namespace NPCS.Reviews.Domain;

/// <summary>A workflow or business rule was broken; the message is safe to show to the user.</summary>
public sealed class DomainException : Exception
{
    public DomainException(string message) : base(message)
    {
    }

    public DomainException()
    {
    }

    public DomainException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
