namespace NPCS.Reviews.Domain.Jurisdictions;

public enum JurisdictionKind
{
    State = 1,
    County = 2,
    Tribal = 3,
}

/// <summary>A state, county or tribal agency. It owns its reviews and sets its review policy.</summary>
public class Jurisdiction
{
    public const int NameMaxLength = 120;
    public const int CodeMaxLength = 8;

    private Jurisdiction()
    {
        Name = string.Empty;
        Code = string.Empty;
        Policy = ReviewPolicy.Default;
    }

    public Jurisdiction(string name, JurisdictionKind kind, string code, ReviewPolicy? policy = null)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException("A jurisdiction needs a name.");
        }

        if (string.IsNullOrWhiteSpace(code) || code.Length > CodeMaxLength || !code.All(char.IsAsciiLetterOrDigit))
        {
            throw new DomainException($"A jurisdiction code is 1 to {CodeMaxLength} letters or digits.");
        }

        Name = name.Trim();
        Kind = kind;
        Code = code.ToUpperInvariant();
        Policy = policy ?? ReviewPolicy.Default;
    }

    public int Id { get; private set; }

    public string Name { get; private set; }

    public JurisdictionKind Kind { get; private set; }

    /// <summary>Short code used in review numbers, e.g. DEMO in DEMO-2026-0001.</summary>
    public string Code { get; private set; }

    public ReviewPolicy Policy { get; private set; }

    /// <summary>Optimistic concurrency token; changes on every update.</summary>
    public Guid Version { get; private set; } = Guid.NewGuid();

    public void ChangePolicy(ReviewPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        Policy = policy;
        Version = Guid.NewGuid();
    }
}
