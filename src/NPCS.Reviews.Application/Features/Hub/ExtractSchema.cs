using System.Globalization;
using System.Text.Json;
using Json.Schema;

namespace NPCS.Reviews.Application.Features.Hub;

/// <summary>
/// The JSON Schema of one extract line (docs/schema/npcs-extract.schema.json, embedded in this
/// assembly so the file in docs/ is the only copy), loaded once, and the problems of a line in
/// words an analyst can act on: the JSON path and what the value must be, never the value itself
/// (a refused line may hold what should never have left the jurisdiction).
/// </summary>
public static class ExtractSchema
{
    public const string ResourceName = "npcs-extract.schema.json";

    private static readonly Lazy<(JsonSchema Schema, JsonElement Root)> Loaded = new(Load);

    private static readonly EvaluationOptions Quick = new() { OutputFormat = OutputFormat.Flag };

    private static readonly EvaluationOptions Detailed = new() { OutputFormat = OutputFormat.Hierarchical };

    /// <summary>What a pattern asks for, by the pattern the schema states (a pattern not listed gets a general message).</summary>
    private static readonly Dictionary<string, string> PatternMeanings = new(StringComparer.Ordinal)
    {
        ["^[0-9]{4}-(0[1-9]|1[0-2])$"] = "must be a month written yyyy-MM (no day)",
        ["^[0-9a-f]{32}$"] = "must be a pseudonym of 32 lowercase hexadecimal characters",
        ["^[A-Z0-9]{1,8}$"] = "must be a jurisdiction code of 1 to 8 capital letters or digits",
        ["^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$"] = "must be a catalog code of at most 20 letters, digits, '.', '_' or '-'",
    };

    /// <summary>The schema's text, as published in docs/schema.</summary>
    public static string Text { get; } = ReadText();

    /// <summary>The schema as parsed JSON, for reading its rules (enum lists, limits).</summary>
    public static JsonElement Root => Loaded.Value.Root;

    /// <summary>
    /// Every way <paramref name="line"/> breaks the schema, each as "path: what it must be"
    /// (e.g. "/findings/0/rating: must be at most 3"); empty when the line is valid.
    /// </summary>
    public static IReadOnlyList<string> Problems(JsonElement line)
    {
        var (schema, root) = Loaded.Value;

        // Most lines are valid: the pass/fail answer is much cheaper than the detailed one.
        if (schema.Evaluate(line, Quick).IsValid)
        {
            return [];
        }

        var problems = new List<string>();
        Collect(schema.Evaluate(line, Detailed), line, root, problems);
        if (problems.Count == 0)
        {
            problems.Add("does not follow the extract schema");
        }

        return problems.Distinct(StringComparer.Ordinal).ToList();
    }

    private static void Collect(EvaluationResults result, JsonElement line, JsonElement root, List<string> problems)
    {
        if (result.IsValid)
        {
            // A valid node can still hold failed branches (none in this schema, but a later one may
            // add them): they are not problems of the line.
            return;
        }

        if (result.Errors is { Count: > 0 } errors)
        {
            var location = result.InstanceLocation.ToString();
            foreach (var keyword in errors.Keys)
            {
                problems.AddRange(Describe(keyword, location, line, root));
            }
        }

        foreach (var detail in result.Details ?? [])
        {
            Collect(detail, line, root, problems);
        }
    }

    private static IEnumerable<string> Describe(string keyword, string location, JsonElement line, JsonElement root)
    {
        var rules = RulesAt(root, location);
        var at = location.Length == 0 ? "the line" : location;
        switch (keyword)
        {
            case "required":
                var present = Find(line, location) is { ValueKind: JsonValueKind.Object } obj
                    ? obj.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal)
                    : [];
                foreach (var name in Strings(rules, "required").Where(n => !present.Contains(n)))
                {
                    yield return $"{location}/{name}: is required but missing";
                }

                break;
            case "" or "false" or "additionalProperties":
                // additionalProperties: false reports at the extra property itself, as a failed "false" schema.
                yield return $"{at}: is not a field of the extract (schema {Version}) and must not be sent";
                break;
            case "type":
                yield return $"{at}: must be {string.Join(" or ", Types(rules).Select(TypeName))}";
                break;
            case "enum":
                yield return $"{at}: must be one of {string.Join(", ", Values(rules, "enum"))}";
                break;
            case "const":
                yield return $"{at}: must be {Value(rules, "const")}";
                break;
            case "pattern":
                var pattern = rules is { } r && r.TryGetProperty("pattern", out var p) ? p.GetString() ?? string.Empty : string.Empty;
                yield return $"{at}: {PatternMeanings.GetValueOrDefault(pattern, "is not in the form the schema asks for")}";
                break;
            case "minimum":
                yield return $"{at}: must be at least {Value(rules, "minimum")}";
                break;
            case "maximum":
                yield return $"{at}: must be at most {Value(rules, "maximum")}";
                break;
            case "uniqueItems":
                yield return $"{at}: must not list the same value twice";
                break;
            default:
                yield return $"{at}: does not follow the schema's \"{keyword}\" rule";
                break;
        }
    }

    private static string Version => Root.TryGetProperty("properties", out var properties)
        && properties.TryGetProperty("schemaVersion", out var version)
        && version.TryGetProperty("const", out var value) ? value.GetString() ?? "?" : "?";

    /// <summary>
    /// The schema node that rules the value at <paramref name="location"/>, found by following the
    /// instance's path through properties and items (and local $refs); null past the schema's fields.
    /// </summary>
    internal static JsonElement? RulesAt(JsonElement root, string location)
    {
        JsonElement? node = Resolve(root, root);
        foreach (var segment in Segments(location))
        {
            if (node is not { } current)
            {
                return null;
            }

            if (current.TryGetProperty("properties", out var properties) && properties.TryGetProperty(segment, out var property))
            {
                node = Resolve(root, property);
            }
            else if (current.TryGetProperty("items", out var items) && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                node = Resolve(root, items);
            }
            else
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>A node with a local "$ref" (#/$defs/name) stands for the definition it names.</summary>
    private static JsonElement Resolve(JsonElement root, JsonElement node)
    {
        while (node.ValueKind == JsonValueKind.Object && node.TryGetProperty("$ref", out var reference)
            && reference.GetString() is { } target && target.StartsWith("#/", StringComparison.Ordinal))
        {
            var resolved = root;
            foreach (var segment in Segments(target[1..]))
            {
                if (!resolved.TryGetProperty(segment, out resolved))
                {
                    return node;
                }
            }

            node = resolved;
        }

        return node;
    }

    /// <summary>The value at a JSON Pointer in the line; null when there is none.</summary>
    private static JsonElement? Find(JsonElement line, string location)
    {
        var node = line;
        foreach (var segment in Segments(location))
        {
            if (node.ValueKind == JsonValueKind.Object && node.TryGetProperty(segment, out var child))
            {
                node = child;
            }
            else if (node.ValueKind == JsonValueKind.Array && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < node.GetArrayLength())
            {
                node = node[index];
            }
            else
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>The decoded segments of a JSON Pointer ("/a/0/b~1c" is a, 0, b/c).</summary>
    private static IEnumerable<string> Segments(string pointer) =>
        pointer.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));

    private static IEnumerable<string> Strings(JsonElement? rules, string keyword) =>
        rules is { } r && r.TryGetProperty(keyword, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(e => e.GetString()).OfType<string>()
            : [];

    private static IEnumerable<string> Values(JsonElement? rules, string keyword) =>
        rules is { } r && r.TryGetProperty(keyword, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(e => e.GetRawText())
            : [];

    private static string Value(JsonElement? rules, string keyword) =>
        rules is { } r && r.TryGetProperty(keyword, out var value) ? value.GetRawText() : "?";

    private static IEnumerable<string> Types(JsonElement? rules)
    {
        if (rules is not { } r || !r.TryGetProperty("type", out var type))
        {
            return ["another type"];
        }

        return type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString() ?? "?") : [type.GetString() ?? "?"];
    }

    private static string TypeName(string type) => type switch
    {
        "object" => "a JSON object",
        "array" => "a list",
        "string" => "a text in quotes",
        "integer" => "a whole number",
        "number" => "a number",
        "boolean" => "true or false",
        "null" => "null",
        _ => type,
    };

    private static string ReadText()
    {
        using var stream = typeof(ExtractSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The resource {ResourceName} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static (JsonSchema, JsonElement) Load()
    {
        // A registry of its own: the global one would refuse a second schema with the same $id
        // (a test host building its own copy, say).
        var schema = JsonSchema.FromText(Text, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        using var document = JsonDocument.Parse(Text);
        return (schema, document.RootElement.Clone());
    }
}
