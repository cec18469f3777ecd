using System.Text.Json;
using NPCS.Reviews.Application.Features.Hub;
using NPCS.Reviews.Application.Features.Sharing;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.TestSupport;

namespace NPCS.Reviews.Tests.Features.Hub;

public class ExtractSchemaTests
{
    private static JsonElement Def(string name) => ExtractSchema.Root.GetProperty("$defs").GetProperty(name);

    private static IReadOnlyList<string> ProblemsOf(string json)
    {
        using var document = JsonDocument.Parse(json);
        return ExtractSchema.Problems(document.RootElement);
    }

    private static string[] JsonNames<TEnum>(params TEnum[] except)
        where TEnum : struct, Enum
        => [.. Enum.GetValues<TEnum>().Except(except).Select(JsonName)];

    /// <summary>The value's name as a line carries it, decoded (the serializer writes "5+" as "5\u002B").</summary>
    private static string JsonName<TEnum>(TEnum value)
        where TEnum : struct, Enum
        => JsonSerializer.Deserialize<string>(JsonSerializer.Serialize(value, ExtractRecord.JsonOptions))!;

    private static string[] SchemaEnum(JsonElement node) =>
        [.. node.GetProperty("enum").EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)];

    /// <summary>Every value of every enum at least once, in varied combinations, with and without the optional parts.</summary>
    private static IEnumerable<ExtractRecord> EveryKindOfRecord()
    {
        var barriers = Enum.GetValues<NeedBarrier>().Where(b => b != NeedBarrier.None).ToArray();
        var effectiveness = Enum.GetValues<Effectiveness>().Select(e => (Effectiveness?)e).Append(null).ToArray();
        var rows = new[]
        {
            Enum.GetValues<IncidentType>().Length, Enum.GetValues<CauseCategory>().Length, Enum.GetValues<AgeBand>().Length,
            Enum.GetValues<NeedCategory>().Length, Enum.GetValues<ProtectiveFactor>().Length, Enum.GetValues<PriorReportsBand>().Length,
            Enum.GetValues<ActionStatus>().Length, effectiveness.Length, 4,
        }.Max();
        T Pick<T>(T[] values, int i) => values[i % values.Length];
        for (var i = 0; i < rows; i++)
        {
            yield return Extracts.Record("DEMO") with
            {
                IncidentType = Pick(Enum.GetValues<IncidentType>(), i),
                CauseCategory = Pick(Enum.GetValues<CauseCategory>(), i),
                ChildAgeBand = Pick(Enum.GetValues<AgeBand>(), i),
                PriorInvolvement = new ExtractPriorInvolvement(
                    Pick(Enum.GetValues<YesNoUnknown>(), i), i % 2 == 0, Pick(Enum.GetValues<PriorReportsBand>(), i), Pick(Enum.GetValues<YesNoUnknown>(), i + 1)),
                Needs = i % 4 == 3 ? [] :
                [
                    new ExtractNeed(Pick(Enum.GetValues<NeedCategory>(), i), Pick(Enum.GetValues<NeedStatus>(), i), [.. barriers.Skip(i % barriers.Length)]),
                    new ExtractNeed(Pick(Enum.GetValues<NeedCategory>(), i + 5), NeedStatus.IdentifiedMet, []),
                ],
                ProtectiveFactors = i % 4 == 3 ? [] : [new ExtractProtectiveFactor(Pick(Enum.GetValues<ProtectiveFactor>(), i), Pick(Enum.GetValues<FactorRating>(), i))],
                Findings = i % 4 == 3 ? [] :
                [
                    new ExtractFinding("SAFE", $"SAFE.{i}_x-{i}", 1 + i, i % 4,
                    [
                        new ExtractAction(Pick(Enum.GetValues<ActionStrength>(), i), Pick(Enum.GetValues<ActionStatus>(), i), Pick(effectiveness, i)),
                        new ExtractAction(ActionStrength.Weaker, ActionStatus.Proposed, null),
                    ]),
                ],
                DaysToFirstDebrief = i % 3 == 0 ? null : i * 100,
                DaysToApproval = i == 0 ? 0 : 3650,
                CompletedOnTime = i % 2 == 1,
            };
        }
    }

    [Fact]
    public void Should_accept_every_record_an_extract_can_hold()
    {
        var records = EveryKindOfRecord().ToList();

        Assert.All(records, r => Assert.Empty(ProblemsOf(Extracts.Line(r))));
        Assert.Contains(records, r => r.DaysToFirstDebrief is null);
        Assert.Equal(Enum.GetValues<AgeBand>().Length, records.Select(r => r.ChildAgeBand).Distinct().Count());
        Assert.Equal(Enum.GetValues<Effectiveness>().Length + 1, records.SelectMany(r => r.Findings).SelectMany(f => f.Actions).Select(a => a.Effectiveness).Distinct().Count());
    }

    [Fact]
    public void Should_list_exactly_the_json_names_of_the_enums_so_the_two_stay_in_step()
    {
        Assert.Equal(JsonNames<IncidentType>(), SchemaEnum(Def("incidentType")));
        Assert.Equal(JsonNames<CauseCategory>(), SchemaEnum(Def("causeCategory")));
        Assert.Equal(JsonNames<AgeBand>(), SchemaEnum(Def("ageBand")));
        Assert.Equal(["under-1", "1-2", "3-5", "6-12", "13-17"], SchemaEnum(Def("ageBand")));
        Assert.Equal(JsonNames<PriorReportsBand>(), SchemaEnum(Def("priorReportsBand")));
        Assert.Equal(["0", "1", "2-4", "5+"], SchemaEnum(Def("priorReportsBand")));
        Assert.Equal(JsonNames<YesNoUnknown>(), SchemaEnum(Def("yesNoUnknown")));
        Assert.Equal(JsonNames<NeedCategory>(), SchemaEnum(Def("needCategory")));
        Assert.Equal(JsonNames<NeedStatus>(), SchemaEnum(Def("needStatus")));
        Assert.Equal(JsonNames(NeedBarrier.None), SchemaEnum(Def("needBarrier")));
        Assert.Equal(JsonNames<ProtectiveFactor>(), SchemaEnum(Def("protectiveFactor")));
        Assert.Equal(JsonNames<FactorRating>(), SchemaEnum(Def("factorRating")));
        Assert.Equal(JsonNames<ActionStrength>(), SchemaEnum(Def("actionStrength")));
        Assert.Equal(JsonNames<ActionStatus>(), SchemaEnum(Def("actionStatus")));
        var effectiveness = ExtractSchema.RulesAt(ExtractSchema.Root, "/findings/0/actions/0/effectiveness")!.Value;
        Assert.Equal(JsonNames<Effectiveness>(), SchemaEnum(effectiveness));
        Assert.Contains(effectiveness.GetProperty("enum").EnumerateArray(), v => v.ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public void Should_carry_its_version_and_require_and_describe_every_field()
    {
        var root = ExtractSchema.Root;
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", root.GetProperty("$schema").GetString());
        Assert.Equal("https://npcs.example/schema/npcs-extract/" + ExtractRecord.SchemaVersion, root.GetProperty("$id").GetString());
        Assert.Equal(ExtractRecord.SchemaVersion, root.GetProperty("properties").GetProperty("schemaVersion").GetProperty("const").GetString());

        // The record's own serialization names the fields: the schema has exactly those, each required.
        using var line = JsonDocument.Parse(Extracts.Line(Extracts.Record("DEMO")));
        var problems = new List<string>();
        Walk(root, line.RootElement, "", problems);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));

        static void Walk(JsonElement schema, JsonElement instance, string path, List<string> problems)
        {
            if (instance.ValueKind == JsonValueKind.Object)
            {
                var rules = ExtractSchema.RulesAt(ExtractSchema.Root, path)!.Value;
                if (!rules.TryGetProperty("additionalProperties", out var extra) || extra.ValueKind != JsonValueKind.False)
                {
                    problems.Add($"{path}: no additionalProperties: false");
                }

                var names = instance.EnumerateObject().Select(p => p.Name).ToList();
                var required = rules.GetProperty("required").EnumerateArray().Select(r => r.GetString()).ToList();
                if (!names.Order().SequenceEqual(required.Order()))
                {
                    problems.Add($"{path}: required [{string.Join(", ", required)}] but the record writes [{string.Join(", ", names)}]");
                }

                foreach (var property in instance.EnumerateObject())
                {
                    var at = $"{path}/{property.Name}";
                    var own = schema.GetProperty("properties").GetProperty(property.Name);
                    if (!own.TryGetProperty("description", out var description) || description.GetString()!.Length < 20)
                    {
                        problems.Add($"{at}: no description");
                    }

                    if (ExtractSchema.RulesAt(ExtractSchema.Root, at) is not { } child
                        || !(child.TryGetProperty("type", out _) || child.TryGetProperty("const", out _)))
                    {
                        problems.Add($"{at}: no type");
                    }
                    else
                    {
                        Walk(child, property.Value, at, problems);
                    }
                }
            }
            else if (instance.ValueKind == JsonValueKind.Array && instance.GetArrayLength() > 0)
            {
                var items = ExtractSchema.RulesAt(ExtractSchema.Root, path + "/0")!.Value;
                Walk(items, instance[0], path + "/0", problems);
            }
        }
    }

    [Fact]
    public void Should_be_the_file_published_in_docs()
    {
        var published = File.ReadAllText(Path.Combine(Repository.Root(), "docs", "schema", "npcs-extract.schema.json"));

        Assert.Equal(published.ReplaceLineEndings(), ExtractSchema.Text.ReplaceLineEndings());
    }

    [Theory]
    [InlineData("rating", "/findings/0/rating: must be at most 3")]
    [InlineData("date", "/incidentMonth: must be a month written yyyy-MM (no day)")]
    [InlineData("extra", "/childName: is not a field of the extract (schema 1.0) and must not be sent")]
    [InlineData("missing", "/daysToApproval: is required but missing")]
    [InlineData("enum", "/childAgeBand: must be one of \"under-1\", \"1-2\", \"3-5\", \"6-12\", \"13-17\"")]
    [InlineData("type", "/daysToApproval: must be a whole number")]
    [InlineData("pseudonym", "/review: must be a pseudonym of 32 lowercase hexadecimal characters")]
    [InlineData("jurisdiction", "/jurisdiction: must be a jurisdiction code of 1 to 8 capital letters or digits")]
    [InlineData("version", "/schemaVersion: must be \"1.0\"")]
    [InlineData("barriers", "/needs/0/barriers/0: must be one of \"serviceNotAvailable\", \"waitlist\", \"eligibility\", \"familyDeclined\", \"notReferred\", \"other\"")]
    [InlineData("days", "/daysToFirstDebrief: must be at least 0")]
    [InlineData("code", "/findings/0/item: must be a catalog code of at most 20 letters, digits, '.', '_' or '-'")]
    public void Should_name_the_path_and_the_rule_of_a_broken_value_never_the_value(string broken, string expected)
    {
        var record = Extracts.Record("DEMO");
        var line = Extracts.Edit(record, o =>
        {
            switch (broken)
            {
                case "rating": o["findings"]![0]!["rating"] = 4; break;
                case "date": o["incidentMonth"] = "2026-03-14"; break;
                case "extra": o["childName"] = "Secret Name"; break;
                case "missing": o.Remove("daysToApproval"); break;
                case "enum": o["childAgeBand"] = "4 years 2 months"; break;
                case "type": o["daysToApproval"] = "Secret 120"; break;
                case "pseudonym": o["review"] = "2026-0042"; break;
                case "jurisdiction": o["jurisdiction"] = "demo"; break;
                case "version": o["schemaVersion"] = "2.0"; break;
                case "barriers": o["needs"]![0]!["barriers"] = new System.Text.Json.Nodes.JsonArray("none"); break;
                case "days": o["daysToFirstDebrief"] = -1; break;
                case "code": o["findings"]![0]!["item"] = "Secret finding text"; break;
            }
        });

        var problems = ProblemsOf(line);

        Assert.Equal([expected], problems);
        Assert.DoesNotContain(problems, p => p.Contains("Secret", StringComparison.Ordinal));
    }

    [Fact]
    public void Should_say_a_line_that_is_not_an_object_must_be_one()
    {
        Assert.Equal(["the line: must be a JSON object"], ProblemsOf("[1, 2]"));
    }
}
