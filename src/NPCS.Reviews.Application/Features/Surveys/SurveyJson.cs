using System.Globalization;
using System.Text.Json;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Domain.Surveys;

namespace NPCS.Reviews.Application.Features.Surveys;

/// <summary>The one JSON form of an instrument (export, import, storage), and the checks an imported one must pass.</summary>
public static class SurveyJson
{
    /// <summary>Largest file an import accepts; the default instrument takes about 4 KB.</summary>
    public const int MaxBytes = 1024 * 1024;

    private const int MaxScalePoints = 11;

    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 16,
    };

    public static string Serialize(InstrumentDefinition definition) => JsonSerializer.Serialize(definition, Options);

    /// <summary>A stored definition (written by this application, so trusted to read).</summary>
    public static InstrumentDefinition Read(string json) =>
        JsonSerializer.Deserialize<InstrumentDefinition>(json, Options) ?? throw new InvalidOperationException("A stored instrument is empty.");

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>An uploaded definition, or a <see cref="ValidationException"/> on <paramref name="property"/> listing every problem.</summary>
    public static InstrumentDefinition Parse(byte[] file, string property)
    {
        ArgumentNullException.ThrowIfNull(file);
        InstrumentDefinition? definition;
        try
        {
            var json = file.AsSpan();
            definition = JsonSerializer.Deserialize<InstrumentDefinition>(json.StartsWith(Utf8Bom) ? json[Utf8Bom.Length..] : json, Options);
        }
        catch (JsonException ex)
        {
            var line = ex.LineNumber is long n ? string.Create(CultureInfo.InvariantCulture, $" (line {n + 1})") : string.Empty;
            throw ValidationException.For(property, $"The file is not a survey instrument in JSON{line}. Use a file exported from this page, or follow the format in the survey guide.");
        }

        FileProblems.ThrowIfAny(Problems(definition), property);
        return definition!;
    }

    /// <summary>Everything wrong with the definition, in the words an Administrator needs to correct the file.</summary>
    public static IEnumerable<string> Problems(InstrumentDefinition? definition)
    {
        if (definition is null)
        {
            yield return "The file is empty or holds no instrument.";
            yield break;
        }

        foreach (var p in FileProblems.Text(definition.Name, "The instrument's name", InstrumentDefinition.NameMaxLength))
        {
            yield return p;
        }

        if (definition.Version < 1)
        {
            yield return "The instrument's version must be a whole number from 1.";
        }

        if (definition.Source?.Length > InstrumentDefinition.SourceMaxLength || definition.Terms?.Length > InstrumentDefinition.SourceMaxLength)
        {
            yield return $"The source and the terms can be at most {InstrumentDefinition.SourceMaxLength} characters each.";
        }

        if (definition.Scale is { } scale)
        {
            foreach (var p in ScaleProblems(scale))
            {
                yield return p;
            }
        }

        if (definition.Domains is not { Count: > 0 })
        {
            yield return "The instrument has no domains; it needs at least one, each with its items.";
            yield break;
        }

        var domainCodes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var itemCodes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var d = 0; d < definition.Domains.Count; d++)
        {
            var domain = definition.Domains[d];
            var where = string.Create(CultureInfo.InvariantCulture, $"Domain {d + 1}");
            if (domain is null)
            {
                yield return $"{where} is empty.";
                continue;
            }

            foreach (var p in Code(domain.Code, $"{where}: the code", SurveyDomainDefinition.CodeMaxLength)
                .Concat(FileProblems.Text(domain.Name, $"{where}: the name", SurveyDomainDefinition.NameMaxLength)))
            {
                yield return p;
            }

            if (!string.IsNullOrWhiteSpace(domain.Code) && !domainCodes.Add(domain.Code.Trim()))
            {
                yield return $"{where}: the domain code {domain.Code.Trim()} is used more than once.";
            }

            if (domain.Items is not { Count: > 0 })
            {
                yield return $"{where} has no items; every domain needs at least one.";
                continue;
            }

            for (var i = 0; i < domain.Items.Count; i++)
            {
                var item = domain.Items[i];
                var at = string.Create(CultureInfo.InvariantCulture, $"{where}, item {i + 1}");
                if (item is null)
                {
                    yield return $"{at} is empty.";
                    continue;
                }

                foreach (var p in Code(item.Code, $"{at}: the code", SurveyItemDefinition.CodeMaxLength)
                    .Concat(FileProblems.Text(item.Text, $"{at}: the text", SurveyItemDefinition.TextMaxLength)))
                {
                    yield return p;
                }

                if (!string.IsNullOrWhiteSpace(item.Code) && !itemCodes.Add(item.Code.Trim()))
                {
                    yield return $"{at}: the code {item.Code.Trim()} is used more than once.";
                }
            }
        }
    }

    private static IEnumerable<string> ScaleProblems(ScaleDefinition scale)
    {
        if (scale.Min < 0 || scale.Max <= scale.Min || scale.Max - scale.Min + 1 > MaxScalePoints)
        {
            yield return $"The scale runs from a minimum of 0 or more to a larger maximum, with at most {MaxScalePoints} points.";
            yield break;
        }

        if (scale.AgreeFrom <= scale.Min || scale.AgreeFrom > scale.Max)
        {
            yield return "The scale's agreeFrom must be a point of the scale above its minimum.";
        }

        if (scale.Labels is null || scale.Labels.Count != scale.Max - scale.Min + 1)
        {
            yield return "The scale needs one label for each of its points.";
        }
        else if (scale.Labels.Any(l => string.IsNullOrWhiteSpace(l) || l.Length > ScaleDefinition.LabelMaxLength))
        {
            yield return $"Every label of the scale needs text of at most {ScaleDefinition.LabelMaxLength} characters.";
        }
    }

    private static IEnumerable<string> Code(string? value, string what, int maxLength)
    {
        foreach (var p in FileProblems.Text(value, what, maxLength))
        {
            yield return p;
        }

        // Codes become form field names and CSV columns: letters, digits, '-', '_' and '.' only.
        if (!string.IsNullOrWhiteSpace(value) && !value.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            yield return $"{what} can hold only letters, digits, '-', '_' and '.'.";
        }
    }
}
