namespace NPCS.Reviews.Application.Data;

/// <summary>
/// NPCS hub: one wave's de-identified aggregate, imported by an Analyst from a jurisdiction's export.
/// Belongs to no jurisdiction here; a re-import of the same wave (jurisdiction, instrument version,
/// dates) replaces it.
/// </summary>
public sealed class SharedSurveyWave
{
    private readonly List<SharedSurveyMean> _means = [];

    private SharedSurveyWave()
    {
        JurisdictionCode = string.Empty;
        InstrumentName = string.Empty;
        ImportedByUserId = string.Empty;
    }

    public SharedSurveyWave(string jurisdictionCode, string instrumentName, int instrumentVersion, DateOnly opensOn, DateOnly closesOn, int responses, string importedByUserId, DateTimeOffset importedAt)
    {
        JurisdictionCode = jurisdictionCode;
        InstrumentName = instrumentName;
        InstrumentVersion = instrumentVersion;
        OpensOn = opensOn;
        ClosesOn = closesOn;
        Responses = responses;
        ImportedByUserId = importedByUserId;
        ImportedAt = importedAt;
    }

    public int Id { get; private set; }

    public string JurisdictionCode { get; private set; }

    public string InstrumentName { get; private set; }

    public int InstrumentVersion { get; private set; }

    public DateOnly OpensOn { get; private set; }

    public DateOnly ClosesOn { get; private set; }

    /// <summary>Responses in the whole wave (the overall group).</summary>
    public int Responses { get; private set; }

    public string ImportedByUserId { get; private set; }

    public DateTimeOffset ImportedAt { get; private set; }

    public IReadOnlyList<SharedSurveyMean> Means => _means;

    public void Add(string? unit, string domainCode, string domainName, double mean, int count) =>
        _means.Add(new SharedSurveyMean(unit, domainCode, domainName, mean, count));
}

/// <summary>A domain's mean score and the number of responses behind it, for a unit or (unit null) the whole wave.</summary>
public sealed class SharedSurveyMean
{
    private SharedSurveyMean()
    {
        DomainCode = string.Empty;
        DomainName = string.Empty;
    }

    internal SharedSurveyMean(string? unit, string domainCode, string domainName, double mean, int count)
    {
        Unit = unit;
        DomainCode = domainCode;
        DomainName = domainName;
        Mean = mean;
        Count = count;
    }

    public int Id { get; private set; }

    public int WaveId { get; private set; }

    /// <summary>The unit's name, or null for the whole wave.</summary>
    public string? Unit { get; private set; }

    public string DomainCode { get; private set; }

    public string DomainName { get; private set; }

    public double Mean { get; private set; }

    public int Count { get; private set; }
}
