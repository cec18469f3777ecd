using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace NPCS.Reviews.Web.Reports;

/// <summary>
/// The typeface of the PDF report, shipped inside the assembly so the report looks the same on a
/// Windows server, a Linux container or a developer's laptop, whatever fonts the machine has.
/// DejaVu Sans: free to embed and redistribute (Bitstream Vera licence, Fonts/LICENSE.txt), and it
/// covers Latin, Greek, Cyrillic, Hebrew and Arabic letters, so names and notes print as typed.
/// </summary>
internal sealed class ReportFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";

    private static readonly Lock Gate = new();
    private static readonly ConcurrentDictionary<string, byte[]> Faces = new();

    /// <summary>PDFsharp's font resolver is process-wide; set it once, before the first report.</summary>
    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not ReportFonts)
            {
                GlobalFontSettings.FontResolver = new ReportFonts();
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        // Every family the report asks for is ours; italic is slanted by PDFsharp.
        new(bold ? Bold : Regular, mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[]? GetFont(string faceName) => Faces.GetOrAdd(faceName, static name =>
    {
        using var stream = typeof(ReportFonts).Assembly.GetManifestResourceStream($"NPCS.Reviews.Web.Reports.Fonts.{name}.ttf")
            ?? throw new InvalidOperationException($"The report font {name} is not embedded in the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });
}
