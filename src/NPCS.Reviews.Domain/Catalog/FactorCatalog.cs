namespace NPCS.Reviews.Domain.Catalog;

/// <summary>
/// A jurisdiction's factor catalog: the systemic factors findings are coded against, in domains.
/// It is data, not code: an Administrator adds and retires items, or imports a whole catalog (the
/// SSIT, for a jurisdiction licensed for it). Every change raises <see cref="Version"/>; an item is
/// never deleted, only retired, so a finding coded with it keeps its meaning.
/// </summary>
public sealed class FactorCatalog
{
    public const int NameMaxLength = 200;

    private readonly List<FactorDomain> _domains = [];

    private FactorCatalog()
    {
        Name = string.Empty;
    }

    public int Id { get; private set; }

    public int JurisdictionId { get; private set; }

    public string Name { get; private set; }

    /// <summary>Starts at 1; each added or retired item adds one.</summary>
    public int Version { get; private set; }

    /// <summary>The catalog new findings are coded with; an import replaces it, and the old one stays for the findings that use it.</summary>
    public bool IsCurrent { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public Guid Concurrency { get; private set; }

    public IReadOnlyList<FactorDomain> Domains => _domains;

    public IEnumerable<FactorItem> Items => _domains.SelectMany(d => d.Items);

    public static FactorCatalog Create(int jurisdictionId, CatalogDefinition definition, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var catalog = new FactorCatalog
        {
            JurisdictionId = jurisdictionId,
            Name = Required(definition.Name, "The catalog's name", NameMaxLength),
            Version = 1,
            IsCurrent = true,
            CreatedAt = now,
            Concurrency = Guid.NewGuid(),
        };
        if (definition.Domains.Count == 0)
        {
            throw new DomainException("A catalog needs at least one domain.");
        }

        var order = 0;
        foreach (var domain in definition.Domains)
        {
            var added = catalog.AddDomainInternal(domain.Code, domain.Name, ++order);
            foreach (var item in domain.Items)
            {
                var factor = added.Add(item.Code, item.Name, item.Guidance, catalog.Version);
                if (item.Retired)
                {
                    factor.Retire(catalog.Version);
                }
            }
        }

        catalog.EnsureUniqueCodes();
        return catalog;
    }

    /// <summary>The catalog as it can be exported and imported again, unchanged.</summary>
    public CatalogDefinition ToDefinition() => new(
        Name,
        [.. _domains.OrderBy(d => d.Order).Select(d => new DomainDefinition(
            d.Code,
            d.Name,
            [.. d.Items.OrderBy(i => i.Order).Select(i => new ItemDefinition(i.Code, i.Name, i.Guidance, i.IsRetired))]))]);

    public FactorItem AddItem(int domainId, string code, string name, string? guidance)
    {
        EnsureCurrent();
        var domain = _domains.SingleOrDefault(d => d.Id == domainId)
            ?? throw new DomainException("Choose a domain of this catalog.");
        if (Items.Any(i => string.Equals(i.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            throw new DomainException($"The code {code?.Trim()} is already used in this catalog.");
        }

        Version++;
        Concurrency = Guid.NewGuid();
        return domain.Add(code, name, guidance, Version);
    }

    public void RetireItem(int itemId)
    {
        EnsureCurrent();
        var item = Items.SingleOrDefault(i => i.Id == itemId)
            ?? throw new DomainException("That item is not in this catalog.");
        if (item.IsRetired)
        {
            throw new DomainException("That item is already retired.");
        }

        Version++;
        Concurrency = Guid.NewGuid();
        item.Retire(Version);
    }

    /// <summary>An import makes a new catalog current; this one stays for the findings coded with it.</summary>
    public void Supersede()
    {
        IsCurrent = false;
        Concurrency = Guid.NewGuid();
    }

    private FactorDomain AddDomainInternal(string code, string name, int order)
    {
        var domain = FactorDomain.Create(code, name, order);
        _domains.Add(domain);
        return domain;
    }

    private void EnsureCurrent()
    {
        if (!IsCurrent)
        {
            throw new DomainException("This catalog was replaced by an import; change the current one.");
        }
    }

    private void EnsureUniqueCodes()
    {
        var duplicate = Items.GroupBy(i => i.Code, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new DomainException($"The code {duplicate.Key} is used more than once.");
        }

        var domain = _domains.GroupBy(d => d.Code, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (domain is not null)
        {
            throw new DomainException($"The domain code {domain.Key} is used more than once.");
        }
    }

    /// <summary>
    /// A catalog code: letters, digits, '.', '_' and '-', starting with a letter or digit. Codes are
    /// what the de-identified extract shares (never names), so they must look like codes, not text.
    /// </summary>
    internal static string Code(string? value, string what, int maxLength)
    {
        var code = Required(value, what, maxLength);
        return IsCode(code) ? code : throw new DomainException($"{what} can hold only letters, digits, '.', '_' and '-', starting with a letter or digit (no spaces).");
    }

    public static bool IsCode(string? code) =>
        code is { Length: > 0 } && char.IsAsciiLetterOrDigit(code[0]) && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    internal static string Required(string? value, string what, int maxLength)
    {
        var text = string.IsNullOrWhiteSpace(value) ? throw new DomainException($"{what} is required.") : value.Trim();
        return text.Length > maxLength ? throw new DomainException($"{what} can be at most {maxLength} characters.") : text;
    }
}

public sealed class FactorDomain
{
    public const int CodeMaxLength = 20;
    public const int NameMaxLength = 200;

    private readonly List<FactorItem> _items = [];

    private FactorDomain()
    {
        Code = string.Empty;
        Name = string.Empty;
    }

    public int Id { get; private set; }

    public int CatalogId { get; private set; }

    public string Code { get; private set; }

    public string Name { get; private set; }

    public int Order { get; private set; }

    public IReadOnlyList<FactorItem> Items => _items;

    internal static FactorDomain Create(string code, string name, int order) => new()
    {
        Code = FactorCatalog.Code(code, "The domain's code", CodeMaxLength),
        Name = FactorCatalog.Required(name, "The domain's name", NameMaxLength),
        Order = order,
    };

    internal FactorItem Add(string code, string name, string? guidance, int version)
    {
        var item = FactorItem.Create(code, name, guidance, _items.Count + 1, version);
        _items.Add(item);
        return item;
    }
}

/// <summary>One factor findings are coded against. Retired items are offered for no new finding, and keep their meaning for old ones.</summary>
public sealed class FactorItem
{
    public const int CodeMaxLength = 20;
    public const int NameMaxLength = 200;
    public const int GuidanceMaxLength = 1000;

    private FactorItem()
    {
        Code = string.Empty;
        Name = string.Empty;
    }

    public int Id { get; private set; }

    public int DomainId { get; private set; }

    public string Code { get; private set; }

    public string Name { get; private set; }

    public string? Guidance { get; private set; }

    public int Order { get; private set; }

    public int AddedInVersion { get; private set; }

    public int? RetiredInVersion { get; private set; }

    public bool IsRetired => RetiredInVersion is not null;

    internal static FactorItem Create(string code, string name, string? guidance, int order, int version)
    {
        var text = string.IsNullOrWhiteSpace(guidance) ? null : guidance.Trim();
        if (text is { Length: > GuidanceMaxLength })
        {
            throw new DomainException($"The guidance can be at most {GuidanceMaxLength} characters.");
        }

        return new FactorItem
        {
            Code = FactorCatalog.Code(code, "The item's code", CodeMaxLength),
            Name = FactorCatalog.Required(name, "The item's name", NameMaxLength),
            Guidance = text,
            Order = order,
            AddedInVersion = version,
        };
    }

    internal void Retire(int version) => RetiredInVersion = version;
}

public sealed record CatalogDefinition(string Name, IReadOnlyList<DomainDefinition> Domains);

public sealed record DomainDefinition(string Code, string Name, IReadOnlyList<ItemDefinition> Items);

public sealed record ItemDefinition(string Code, string Name, string? Guidance, bool Retired = false);
