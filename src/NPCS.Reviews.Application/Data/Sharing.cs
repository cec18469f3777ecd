namespace NPCS.Reviews.Application.Data;

public enum ExtractFormat
{
    JsonLines = 1,
    Csv = 2,
}

/// <summary>
/// A de-identified extract a jurisdiction's Administrator downloaded: who, when, which approval
/// months, in which format and how many reviews. Scoped to the jurisdiction like its reviews.
/// </summary>
public sealed class ExtractExport
{
    private ExtractExport()
    {
        ExportedByUserId = string.Empty;
    }

    public ExtractExport(int jurisdictionId, DateOnly periodFrom, DateOnly periodTo, ExtractFormat format, int rows, string exportedByUserId, DateTimeOffset exportedAt)
    {
        JurisdictionId = jurisdictionId;
        PeriodFrom = periodFrom;
        PeriodTo = periodTo;
        Format = format;
        Rows = rows;
        ExportedByUserId = exportedByUserId;
        ExportedAt = exportedAt;
    }

    public int Id { get; private set; }

    public int JurisdictionId { get; private set; }

    /// <summary>First day of the first approval month covered.</summary>
    public DateOnly PeriodFrom { get; private set; }

    /// <summary>First day of the last approval month covered.</summary>
    public DateOnly PeriodTo { get; private set; }

    public ExtractFormat Format { get; private set; }

    public int Rows { get; private set; }

    public string ExportedByUserId { get; private set; }

    public DateTimeOffset ExportedAt { get; private set; }
}

/// <summary>
/// An extract file an NPCS Analyst imported into the hub. Hub data belongs to no jurisdiction of
/// this application (it is what the jurisdictions chose to share); only Analysts import it and it is
/// read only in aggregate, with small cells suppressed.
/// </summary>
public sealed class SharedExtract
{
    public const int JurisdictionCodeMaxLength = 8;
    public const int SchemaVersionMaxLength = 16;

    private SharedExtract()
    {
        JurisdictionCode = string.Empty;
        SchemaVersion = string.Empty;
        ImportedByUserId = string.Empty;
        Sha256 = string.Empty;
    }

    public SharedExtract(string jurisdictionCode, DateOnly periodFrom, DateOnly periodTo, string schemaVersion, int rows, string sha256, string importedByUserId, DateTimeOffset importedAt)
    {
        JurisdictionCode = jurisdictionCode;
        PeriodFrom = periodFrom;
        PeriodTo = periodTo;
        SchemaVersion = schemaVersion;
        Rows = rows;
        Sha256 = sha256;
        ImportedByUserId = importedByUserId;
        ImportedAt = importedAt;
    }

    public int Id { get; private set; }

    /// <summary>The code of the jurisdiction the extract came from.</summary>
    public string JurisdictionCode { get; private set; }

    /// <summary>First day of the first approval month covered.</summary>
    public DateOnly PeriodFrom { get; private set; }

    /// <summary>First day of the last approval month covered.</summary>
    public DateOnly PeriodTo { get; private set; }

    public string SchemaVersion { get; private set; }

    public int Rows { get; private set; }

    /// <summary>SHA-256 of the file, hex: tells a re-import of the same file from a changed one.</summary>
    public string Sha256 { get; private set; }

    public string ImportedByUserId { get; private set; }

    public DateTimeOffset ImportedAt { get; private set; }
}

/// <summary>
/// One review of an imported extract: the validated line as it came (<see cref="Record"/>), plus
/// the columns the hub filters and replaces by. A jurisdiction's review appears once: importing a
/// period again replaces that jurisdiction's rows for the period.
/// </summary>
public sealed class SharedReview
{
    public const int PseudonymMaxLength = 64;

    private SharedReview()
    {
        JurisdictionCode = string.Empty;
        Pseudonym = string.Empty;
        Record = string.Empty;
    }

    public SharedReview(int extractId, string jurisdictionCode, string pseudonym, DateOnly approvedMonth, int incidentType, string record)
    {
        ExtractId = extractId;
        JurisdictionCode = jurisdictionCode;
        Pseudonym = pseudonym;
        ApprovedMonth = approvedMonth;
        IncidentType = incidentType;
        Record = record;
    }

    public long Id { get; private set; }

    public int ExtractId { get; private set; }

    public string JurisdictionCode { get; private set; }

    public string Pseudonym { get; private set; }

    /// <summary>First day of the approval month.</summary>
    public DateOnly ApprovedMonth { get; private set; }

    /// <summary>The incident type's value, for filtering without reading the record.</summary>
    public int IncidentType { get; private set; }

    /// <summary>The extract line (JSON), validated against the schema when imported.</summary>
    public string Record { get; private set; }
}
