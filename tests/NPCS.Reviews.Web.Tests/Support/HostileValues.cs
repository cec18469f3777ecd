using CsCheck;

namespace NPCS.Reviews.Web.Tests.Support;

/// <summary>
/// CsCheck generators of what a hostile or careless client posts: markup and script, SQL fragments,
/// control characters, right-to-left and combining characters, emoji, a 1 MB string, malformed and
/// out-of-range dates and numbers, unknown enum values, and fields left out or repeated.
/// </summary>
public static class HostileValues
{
    public const int OneMegabyte = 1 << 20;

    private static readonly string Huge = new('x', OneMegabyte);


    private static readonly string[] MarkupAndSql =
    [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "<b onmouseover=alert(1)>bold</b>",
        "javascript:alert(1)",
        "&lt;&amp;&#x3c;",
        "'; DROP TABLE Reviews; --",
        "' OR 1=1 --",
        "Robert'); DELETE FROM ReviewChanges; --",
        "1; UPDATE AspNetUsers SET LockoutEnd = NULL",
        "{{7*7}}${7*7}",
        "../../../etc/passwd",
    ];

    private static readonly string[] Scripts =
    [
        "\u202e", "\u202b", "\u200f", "مرحبا بالعالم", "שלום", "e\u0301\u0308\u0327", "Z\u0351\u0362\u0337\u0335",
        "😀", "👨‍👩‍👧‍👦", "🏳️‍🌈", "中文字符", "\ufeff", "\u200b", "\ud800", "İıß",
    ];

    private static readonly string[] Numbers =
    [
        "-1", "0", "2147483648", "-2147483649", "99999999999999999999999", "1e309", "NaN", "Infinity", "0x1F", "1,5", "٣", "4.",
    ];

    private static readonly string[] Dates =
    [
        "2026-02-30", "0000-00-00", "0001-01-01", "9999-12-31", "10000-01-01", "2026-13-01", "31/12/2026", "yesterday",
        "2026-01-01T25:61", "24:00", "-0001-01-01", "1900-01-01", "2100-01-01",
    ];

    private static readonly string[] Enums = ["Nonsense", "999", "-1", "None", "Fatality,NearFatality", "yes", "true"];

    /// <summary>One hostile value: mostly a short mix of pieces, sometimes empty, rarely 1 MB.</summary>
    public static Gen<string> Value { get; } = Gen.Frequency(
        (30, Piece().Array[1, 4].Select(string.Concat)),
        (3, Gen.Const(string.Empty)),
        (1, Gen.Const(Huge)));

    /// <summary>Printable text a form should accept and keep exactly: markup, SQL, other scripts, emoji; no leading or trailing space.</summary>
    public static Gen<string> Text { get; } = Gen.OneOf(
            Gen.OneOf(MarkupAndSql),
            Gen.OneOf(Scripts.Where(s => s != "\ud800").ToArray()),
            Gen.String[Gen.Char[' ', '\u024f'], 1, 20])
        .Array[1, 5]
        .Select(parts => $"[{string.Concat(parts)}]");

    /// <summary>A whole form's input: per field, its value left as the page had it, left out, replaced, or repeated.</summary>
    public static Gen<Dictionary<string, string[]>> Form(IReadOnlyList<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var field = Gen.Frequency(
            (3, Gen.Const(() => (string[]?)null)),
            (1, Gen.Const<string[]?>([])),
            (5, Value.Select(v => (string[]?)[v])),
            (1, Value.Array[2, 3].Select(v => (string[]?)v)));
        return field.Array[fields.Count].Select(values => fields
            .Select((name, i) => (name, values: values[i]))
            .Where(f => f.values is not null)
            .ToDictionary(f => f.name, f => f.values!));
    }

    /// <summary>An input as a failure message shows it: long values cut, so a 1 MB value does not flood the output.</summary>
    public static string Describe(Dictionary<string, string[]> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return string.Join(", ", input.Select(f => $"{f.Key} = [{string.Join(" | ", f.Value.Select(Cut))}]"));
    }

    private static string Cut(string value) => value.Length <= 40 ? value : $"{value[..40]}… ({value.Length:N0} chars)";

    private static Gen<string> Piece() => Gen.OneOf(
        Gen.OneOf(MarkupAndSql),
        Gen.OneOf(Scripts),
        Gen.OneOf(Numbers),
        Gen.OneOf(Dates),
        Gen.OneOf(Enums),
        Gen.String[Gen.Char['\0', '\u001f'], 1, 6],
        Gen.String[Gen.Char[' ', '\u024f'], 0, 30]);
}
