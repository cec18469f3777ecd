using System.Text.Json;

namespace NPCS.Reviews.Application.Features.Catalog;

/// <summary>The one JSON form of a catalog, for export and import alike, so a round trip gives the same text.</summary>
public static class CatalogJson
{
    /// <summary>Largest file an import accepts; the ten default categories take about 4 KB.</summary>
    public const int MaxBytes = 1024 * 1024;

    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,

        // Numbers are not part of the format; "retired": "true" is a mistake to report, not to guess at.
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 16,
    };
}
