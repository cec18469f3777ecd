using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.Sharing;

/// <summary>
/// One line of a de-identified extract (schema <see cref="SchemaVersion"/>, described field by field
/// in docs/schema/npcs-extract.schema.json and docs/data-dictionary.md). It is the only shape review
/// data leaves a jurisdiction in: codes, bands, year-months and day counts, never a name, a case
/// reference, a review number, a date or any free text. The NPCS hub reads the same type back, and
/// the trends dashboards aggregate it, so the three can never disagree on a field.
/// </summary>
public sealed record ExtractRecord
{
    public const string SchemaVersion = "1.0";

    [JsonPropertyName("schemaVersion")]
    public string Version { get; init; } = SchemaVersion;

    /// <summary>The exporting jurisdiction's code (e.g. DEMO): NPCS knows who sent the file.</summary>
    public required string Jurisdiction { get; init; }

    /// <summary>The approval months the extract covers; every line of one file carries the same period.</summary>
    public required ExtractPeriod Period { get; init; }

    /// <summary>A keyed pseudonym of the review: stable across this jurisdiction's exports, meaningless elsewhere.</summary>
    public required string Review { get; init; }

    /// <summary>The month the supervisor approved the review (yyyy-MM): the month the period counts it in.</summary>
    public required YearMonth ApprovedMonth { get; init; }

    public required YearMonth IncidentMonth { get; init; }

    public required IncidentType IncidentType { get; init; }

    public required CauseCategory CauseCategory { get; init; }

    public required AgeBand ChildAgeBand { get; init; }

    public required ExtractPriorInvolvement PriorInvolvement { get; init; }

    public IReadOnlyList<ExtractNeed> Needs { get; init; } = [];

    public IReadOnlyList<ExtractProtectiveFactor> ProtectiveFactors { get; init; } = [];

    public IReadOnlyList<ExtractFinding> Findings { get; init; } = [];

    /// <summary>Days from the agency's notification to the first debrief session held; null when none was held.</summary>
    public int? DaysToFirstDebrief { get; init; }

    /// <summary>Days from the agency's notification to the supervisor's approval.</summary>
    public required int DaysToApproval { get; init; }

    /// <summary>Approved on or before the completion deadline of the jurisdiction's policy.</summary>
    public required bool CompletedOnTime { get; init; }

    /// <summary>
    /// camelCase names and enum values, no indentation: one record, one line. Relaxed escaping so a
    /// band reads "5+", not "5\u002B": an extract is a data file, never written into a web page.
    /// </summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };
}

public sealed record ExtractPeriod(YearMonth From, YearMonth To)
{
    public bool Contains(YearMonth month) => month.CompareTo(From) >= 0 && month.CompareTo(To) <= 0;
}

/// <summary>The agency's involvement with the family before the incident, coded.</summary>
public sealed record ExtractPriorInvolvement(
    YesNoUnknown OpenCase,
    bool ContactInPast3Years,
    PriorReportsBand PriorReports,
    YesNoUnknown PriorSubstantiated);

public sealed record ExtractNeed(NeedCategory Category, NeedStatus Status, IReadOnlyList<NeedBarrier> Barriers);

public sealed record ExtractProtectiveFactor(ProtectiveFactor Factor, FactorRating Rating);

/// <summary>A finding by its catalog codes (never its description) and rating, with its actions' coded fields.</summary>
public sealed record ExtractFinding(string Domain, string Item, int CatalogVersion, int Rating, IReadOnlyList<ExtractAction> Actions);

public sealed record ExtractAction(ActionStrength Strength, ActionStatus Status, Effectiveness? Effectiveness);

/// <summary>Age bands of the extract: an age in years and months would single a child out.</summary>
public enum AgeBand
{
    [JsonStringEnumMemberName("under-1")]
    Under1 = 1,

    [JsonStringEnumMemberName("1-2")]
    From1To2 = 2,

    [JsonStringEnumMemberName("3-5")]
    From3To5 = 3,

    [JsonStringEnumMemberName("6-12")]
    From6To12 = 4,

    [JsonStringEnumMemberName("13-17")]
    From13To17 = 5,
}

/// <summary>How many reports the agency had on the family before, banded.</summary>
public enum PriorReportsBand
{
    [JsonStringEnumMemberName("0")]
    None = 1,

    [JsonStringEnumMemberName("1")]
    One = 2,

    [JsonStringEnumMemberName("2-4")]
    From2To4 = 3,

    [JsonStringEnumMemberName("5+")]
    FiveOrMore = 4,
}

public static class Bands
{
    public static AgeBand Age(int ageMonths) => (ageMonths / 12) switch
    {
        < 1 => AgeBand.Under1,
        <= 2 => AgeBand.From1To2,
        <= 5 => AgeBand.From3To5,
        <= 12 => AgeBand.From6To12,
        _ => AgeBand.From13To17,
    };

    public static PriorReportsBand PriorReports(int count) => count switch
    {
        <= 0 => PriorReportsBand.None,
        1 => PriorReportsBand.One,
        <= 4 => PriorReportsBand.From2To4,
        _ => PriorReportsBand.FiveOrMore,
    };

    /// <summary>The label of a band as the extract writes it (e.g. "under-1", "5+").</summary>
    public static string Label<TEnum>(TEnum value)
        where TEnum : struct, Enum
        => JsonSerializer.Serialize(value, ExtractRecord.JsonOptions).Trim('"');
}

/// <summary>A calendar month, written yyyy-MM: the finest date an extract carries.</summary>
[JsonConverter(typeof(YearMonthJsonConverter))]
public readonly record struct YearMonth(int Year, int Month) : IComparable<YearMonth>
{
    public static YearMonth Of(DateOnly date) => new(date.Year, date.Month);

    public DateOnly FirstDay => new(Year, Month, 1);

    public DateOnly LastDay => FirstDay.AddMonths(1).AddDays(-1);

    public YearMonth AddMonths(int months) => Of(FirstDay.AddMonths(months));

    /// <summary>1 to 4.</summary>
    public int Quarter => ((Month - 1) / 3) + 1;

    public int CompareTo(YearMonth other) => (Year, Month).CompareTo((other.Year, other.Month));

    public static bool operator <(YearMonth left, YearMonth right) => left.CompareTo(right) < 0;

    public static bool operator >(YearMonth left, YearMonth right) => left.CompareTo(right) > 0;

    public static bool operator <=(YearMonth left, YearMonth right) => left.CompareTo(right) <= 0;

    public static bool operator >=(YearMonth left, YearMonth right) => left.CompareTo(right) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");

    public static bool TryParse(string? text, out YearMonth month)
    {
        month = default;
        if (text is not { Length: 7 } || text[4] != '-'
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || year < 1 || m is < 1 or > 12)
        {
            return false;
        }

        month = new YearMonth(year, m);
        return true;
    }
}

internal sealed class YearMonthJsonConverter : JsonConverter<YearMonth>
{
    public override YearMonth Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => reader.TokenType == JsonTokenType.String && YearMonth.TryParse(reader.GetString(), out var month)
            ? month
            : throw new JsonException("A month is written yyyy-MM.");

    public override void Write(Utf8JsonWriter writer, YearMonth value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}
