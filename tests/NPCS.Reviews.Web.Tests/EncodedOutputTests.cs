using NPCS.Reviews.TestSupport;

namespace NPCS.Reviews.Web.Tests;

/// <summary>
/// Razor encodes everything it writes unless a view opts out. No view or page model opts out, so no
/// user text can reach a page as markup (the hostile-input tests check the encoding from outside).
/// </summary>
public class EncodedOutputTests
{
    private static readonly string[] OptOuts = ["Html.Raw(", "HtmlString(", "MarkupString", "IHtmlContent.WriteTo", "HtmlContentBuilder"];

    [Fact]
    public void No_view_or_page_model_writes_raw_html()
    {
        var web = Path.Combine(Repository.Root(), "src", "NPCS.Reviews.Web");
        var files = Directory.EnumerateFiles(web, "*.cs*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.Contains(files, f => f.EndsWith("_Layout.cshtml", StringComparison.Ordinal));

        var raw = files
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(web, f), Line: i + 1, Text: line)))
            .Where(l => OptOuts.Any(o => l.Text.Contains(o, StringComparison.Ordinal)))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.True(raw.Count == 0, "Raw HTML output:\n" + string.Join("\n", raw));
    }
}
