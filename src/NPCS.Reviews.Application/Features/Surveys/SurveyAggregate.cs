using System.Text.Json;
using System.Text.Json.Serialization;

namespace NPCS.Reviews.Application.Features.Surveys;

/// <summary>
/// The de-identified aggregate of one wave that a jurisdiction sends to the NPCS hub
/// (docs/schema/npcs-survey-aggregate.schema.json): domain means and counts for the whole wave and
/// for each unit that meets the minimum group size; nothing below it, no answers, no items.
/// </summary>
public sealed record SurveyAggregate(
    string SchemaVersion,
    string Jurisdiction,
    AggregatePeriod Wave,
    AggregateInstrument Instrument,
    int MinimumGroupSize,
    AggregateGroup Overall,
    IReadOnlyList<AggregateGroup> Units)
{
    public const string CurrentSchemaVersion = "1.0";

    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.Strict,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        MaxDepth = 8,
    };
}

public sealed record AggregatePeriod(DateOnly OpensOn, DateOnly ClosesOn);

public sealed record AggregateInstrument(string Name, int Version);

/// <summary>A group's responses and domain means; <see cref="Name"/> is null for the whole wave.</summary>
public sealed record AggregateGroup(string? Name, int Responses, IReadOnlyList<AggregateDomain> Domains);

public sealed record AggregateDomain(string Code, string Name, double Mean, int Count);
