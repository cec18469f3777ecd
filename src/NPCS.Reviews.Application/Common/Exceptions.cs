namespace NPCS.Reviews.Application.Common;

/// <summary>Input failed validation. Keys are the command's property names; the page maps them to its fields.</summary>
public sealed class ValidationException : Exception
{
    public ValidationException()
        : this(new Dictionary<string, string[]>())
    {
    }

    public ValidationException(string message)
        : this(new Dictionary<string, string[]> { [string.Empty] = [message] })
    {
    }

    public ValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = new Dictionary<string, string[]> { [string.Empty] = [message] };
    }

    public ValidationException(IDictionary<string, string[]> errors)
        : base("One or more validation failures have occurred.")
    {
        Errors = errors;
    }

    public static ValidationException For(string property, string message) =>
        new(new Dictionary<string, string[]> { [property] = [message] });

    public IDictionary<string, string[]> Errors { get; }
}

/// <summary>The thing asked for does not exist, or belongs to another jurisdiction (which we never reveal).</summary>
public sealed class NotFoundException : Exception
{
    public NotFoundException()
        : base("Not found.")
    {
    }

    public NotFoundException(string message)
        : base(message)
    {
    }

    public NotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The signed-in user's role does not allow this request.</summary>
public sealed class ForbiddenAccessException : Exception
{
    public ForbiddenAccessException()
        : base("You are not allowed to do that.")
    {
    }

    public ForbiddenAccessException(string message)
        : base(message)
    {
    }

    public ForbiddenAccessException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Someone else saved the same record after this user loaded it.</summary>
public sealed class ConcurrencyConflictException : Exception
{
    public const string DefaultMessage =
        "Someone else changed this record after you opened it. Your changes have not been saved and are kept below: reload the page to see the latest version, then apply them again.";

    public ConcurrencyConflictException()
        : base(DefaultMessage)
    {
    }

    public ConcurrencyConflictException(string message)
        : base(message)
    {
    }

    public ConcurrencyConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
