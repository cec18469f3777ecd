namespace NPCS.Reviews.Domain.Surveys;

/// <summary>
/// One version of a survey instrument held by a jurisdiction. Versions are never changed: a changed
/// instrument is imported as a new version, and waves keep the version they were opened with.
/// </summary>
public sealed class SurveyInstrument
{
    private SurveyInstrument()
    {
        Name = string.Empty;
        Definition = string.Empty;
    }

    public SurveyInstrument(int jurisdictionId, InstrumentDefinition definition, string definitionJson, DateTimeOffset importedAt)
    {
        ArgumentNullException.ThrowIfNull(definition);
        JurisdictionId = jurisdictionId;
        Name = definition.Name.Trim();
        Version = definition.Version;
        Definition = definitionJson;
        ImportedAt = importedAt;
    }

    public int Id { get; private set; }

    public int JurisdictionId { get; private set; }

    public string Name { get; private set; }

    public int Version { get; private set; }

    /// <summary>The whole definition as JSON, exactly as exported (domains, items, scale, sources).</summary>
    public string Definition { get; private set; }

    public DateTimeOffset ImportedAt { get; private set; }
}
