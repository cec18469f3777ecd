using System.Globalization;
using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.UniversalAccessibility;

namespace NPCS.Reviews.Web.Reports;

/// <summary>A column of a <see cref="PdfFlow.Table"/>: its heading and its share of the width.</summary>
internal sealed record PdfColumn(string Title, double Weight);

/// <summary>
/// Flows text down US Letter pages: headings, paragraphs, label/value lists and tables, breaking
/// pages (and long table rows) where needed, with a running head and "Page n of m" on every page.
/// The PDF is tagged (headings, paragraphs, tables, the language and title) so a screen reader reads
/// it in order; page furniture, rules and shading are marked as artifacts.
/// PDFsharp alone draws text at positions; this is the small layout engine on top of it.
/// </summary>
internal sealed class PdfFlow : IDisposable
{
    private const double PageWidth = 612;
    private const double PageHeight = 792;
    private const double Margin = 54;
    private const double Top = Margin + 22;
    private const double Bottom = PageHeight - Margin - 16;
    private const double ContentWidth = PageWidth - (2 * Margin);
    private const double CellPadding = 4;

    private static readonly XColor Ink = XColor.FromArgb(0x21, 0x25, 0x29);
    private static readonly XColor Accent = XColor.FromArgb(0x1F, 0x3A, 0x5F);
    private static readonly XColor Muted = XColor.FromArgb(0x4F, 0x55, 0x5B);
    private static readonly XColor Rule = XColor.FromArgb(0xC8, 0xCD, 0xD2);
    private static readonly XColor Shade = XColor.FromArgb(0xEE, 0xF1, 0xF4);

    // Before the first XFont below is made.
    static PdfFlow() => ReportFonts.EnsureRegistered();

    private readonly XFont _body = new(ReportFonts.Family, 9.5);
    private readonly XFont _bodyBold = new(ReportFonts.Family, 9.5, XFontStyleEx.Bold);
    private readonly XFont _small = new(ReportFonts.Family, 8);
    private readonly XFont[] _headings =
    [
        new(ReportFonts.Family, 20, XFontStyleEx.Bold),
        new(ReportFonts.Family, 14, XFontStyleEx.Bold),
        new(ReportFonts.Family, 11, XFontStyleEx.Bold),
    ];

    private readonly PdfDocument _document = new();
    private readonly StructureBuilder _tags;
    private readonly string _runningHeadLeft;
    private readonly string _runningHeadRight;
    private readonly string _footer;
    private readonly int _totalPages;
    private XGraphics? _gfx;
    private double _y;

    /// <summary>Starts a document; <paramref name="totalPages"/> is the page count for "Page n of m", from a first run, or 0 when counting.</summary>
    public PdfFlow(string title, string runningHeadLeft, string runningHeadRight, string footer, int totalPages)
    {
        _runningHeadLeft = runningHeadLeft;
        _runningHeadRight = runningHeadRight;
        _footer = footer;
        _totalPages = totalPages;
        _document.Info.Title = title;
        _document.Info.Creator = "NPCS.Reviews";
        _document.ViewerPreferences.DisplayDocTitle = true;
        var ua = UAManager.ForDocument(_document);
        ua.SetDocumentLanguage("en-US");
        _tags = ua.StructureBuilder;
        NewPage();
        _tags.BeginElement(PdfGroupingElementTag.Document);
    }

    public int PageCount => _document.PageCount;

    private XGraphics G => _gfx ?? throw new InvalidOperationException("No page is open.");

    /// <summary>A heading of level 1 to 3, kept on the same page as the first lines after it.</summary>
    public void Heading(int level, string text)
    {
        var font = _headings[Math.Clamp(level, 1, 3) - 1];
        var lines = Wrap(text, font, ContentWidth);
        var height = Line(font) * lines.Count;
        var before = level == 1 ? 0 : level == 2 ? 14 : 8;
        if (_y + before + height + (4 * Line(_body)) > Bottom)
        {
            NewPage();
        }
        else
        {
            _y += before;
        }

        _tags.BeginElement(level switch
        {
            1 => PdfBlockLevelElementTag.Heading1,
            2 => PdfBlockLevelElementTag.Heading2,
            _ => PdfBlockLevelElementTag.Heading3,
        });
        var brush = new XSolidBrush(Accent);
        foreach (var line in lines)
        {
            G.DrawString(line, font, brush, new XRect(Margin, _y, ContentWidth, Line(font)), XStringFormats.TopLeft);
            _y += Line(font);
        }

        _tags.End();
        if (level == 2)
        {
            Artifact(() => G.DrawLine(new XPen(Accent, 0.8), Margin, _y + 1, PageWidth - Margin, _y + 1));
            _y += 4;
        }

        _y += 4;
    }

    /// <summary>A paragraph of running text; long text breaks across pages.</summary>
    public void Paragraph(string text, bool muted = false)
    {
        var lines = Wrap(text, _body, ContentWidth);
        var brush = new XSolidBrush(muted ? Muted : Ink);
        _tags.BeginElement(PdfBlockLevelElementTag.Paragraph);
        foreach (var line in lines)
        {
            if (_y + Line(_body) > Bottom)
            {
                NewPage();
            }

            G.DrawString(line, _body, brush, new XRect(Margin, _y, ContentWidth, Line(_body)), XStringFormats.TopLeft);
            _y += Line(_body);
        }

        _tags.End();
        _y += 6;
    }

    /// <summary>Label and value pairs, as a two-column table without headings.</summary>
    public void Details(IEnumerable<(string Label, string Value)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var widths = new[] { ContentWidth * 0.3, ContentWidth * 0.7 };
        _tags.BeginElement(PdfBlockLevelElementTag.Table);
        foreach (var (label, value) in pairs)
        {
            Row(widths, [label, value], header: false, labelled: true, repeatHeader: null);
        }

        _tags.End();
        _y += 6;
    }

    /// <summary>A table with a heading row, repeated at the top of every page the table runs onto.</summary>
    public void Table(IReadOnlyList<PdfColumn> columns, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        var total = columns.Sum(c => c.Weight);
        var widths = columns.Select(c => ContentWidth * c.Weight / total).ToArray();
        var titles = columns.Select(c => c.Title).ToArray();
        void RepeatHeader() => Artifact(() => Row(widths, titles, header: true, labelled: false, repeatHeader: null, tagged: false));

        _tags.BeginElement(PdfBlockLevelElementTag.Table);
        Row(widths, titles, header: true, labelled: false, repeatHeader: null, minimumLinesBelow: 2);
        foreach (var row in rows)
        {
            Row(widths, [.. row], header: false, labelled: false, repeatHeader: RepeatHeader);
        }

        _tags.End();
        _y += 8;
    }

    /// <summary>Fixes the number of pages and writes the document.</summary>
    public byte[] Save()
    {
        _tags.End();
        _gfx?.Dispose();
        _gfx = null;
        using var stream = new MemoryStream();
        _document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    public void Dispose()
    {
        _gfx?.Dispose();
        _document.Dispose();
    }

    /// <summary>
    /// One table row. A row taller than the space left is moved to the next page whole when it
    /// fits there, and otherwise split line by line, so a long narrative never runs off the page.
    /// </summary>
    private void Row(double[] widths, string[] cells, bool header, bool labelled, Action? repeatHeader, int minimumLinesBelow = 0, bool tagged = true)
    {
        var fonts = cells.Select((_, i) => header || (labelled && i == 0) ? _bodyBold : _body).ToArray();
        var lines = cells.Select((c, i) => Wrap(c, fonts[i], widths[i] - (2 * CellPadding))).ToArray();
        var lineHeight = Line(_body);
        var count = Math.Max(1, lines.Max(l => l.Count));
        var whole = (count * lineHeight) + (2 * CellPadding);
        var wanted = whole + (minimumLinesBelow * (lineHeight + (2 * CellPadding)));
        if (_y + wanted > Bottom && (wanted <= Bottom - Top || _y + (2 * lineHeight) + (2 * CellPadding) > Bottom))
        {
            BreakPage(repeatHeader);
        }

        var offset = 0;
        while (offset < count)
        {
            var fit = (int)Math.Floor((Bottom - _y - (2 * CellPadding)) / lineHeight);
            if (fit < 1)
            {
                BreakPage(repeatHeader);
                continue;
            }

            var take = Math.Min(fit, count - offset);
            var height = (take * lineHeight) + (2 * CellPadding);
            var top = _y;
            if (header)
            {
                Artifact(() => G.DrawRectangle(new XSolidBrush(Shade), Margin, top, ContentWidth, height));
            }

            if (tagged)
            {
                _tags.BeginElement(PdfBlockLevelElementTag.TableRow);
            }

            var x = Margin;
            for (var i = 0; i < cells.Length; i++)
            {
                if (tagged)
                {
                    _tags.BeginElement(header ? PdfBlockLevelElementTag.TableHeaderCell : PdfBlockLevelElementTag.TableDataCell);
                }

                var brush = new XSolidBrush(header ? Accent : Ink);
                var lineTop = top + CellPadding;
                foreach (var line in lines[i].Skip(offset).Take(take))
                {
                    G.DrawString(line, fonts[i], brush, new XRect(x + CellPadding, lineTop, widths[i] - (2 * CellPadding), lineHeight), XStringFormats.TopLeft);
                    lineTop += lineHeight;
                }

                if (tagged)
                {
                    _tags.End();
                }

                x += widths[i];
            }

            if (tagged)
            {
                _tags.End();
            }

            Artifact(() => G.DrawLine(new XPen(Rule, 0.5), Margin, top + height, PageWidth - Margin, top + height));
            _y = top + height;
            offset += take;
            if (offset < count)
            {
                BreakPage(repeatHeader);
            }
        }
    }

    private void BreakPage(Action? repeatHeader)
    {
        NewPage();
        repeatHeader?.Invoke();
    }

    private void NewPage()
    {
        _gfx?.Dispose();
        var page = _document.AddPage();
        page.Width = XUnit.FromPoint(PageWidth);
        page.Height = XUnit.FromPoint(PageHeight);
        _gfx = XGraphics.FromPdfPage(page);
        var number = _document.PageCount;
        Artifact(() =>
        {
            var brush = new XSolidBrush(Muted);
            var head = new XRect(Margin, Margin - 6, ContentWidth, Line(_small));
            G.DrawString(Clean(_runningHeadLeft), _small, brush, head, XStringFormats.TopLeft);
            G.DrawString(Clean(_runningHeadRight), _small, brush, head, XStringFormats.TopRight);
            G.DrawLine(new XPen(Rule, 0.5), Margin, Margin + 8, PageWidth - Margin, Margin + 8);
            var foot = new XRect(Margin, PageHeight - Margin, ContentWidth, Line(_small));
            G.DrawLine(new XPen(Rule, 0.5), Margin, PageHeight - Margin - 4, PageWidth - Margin, PageHeight - Margin - 4);
            G.DrawString(Clean(_footer), _small, brush, foot, XStringFormats.TopLeft);
            var pages = _totalPages > 0
                ? string.Create(CultureInfo.InvariantCulture, $"Page {number} of {_totalPages}")
                : string.Create(CultureInfo.InvariantCulture, $"Page {number}");
            G.DrawString(pages, _small, brush, foot, XStringFormats.TopRight);
        });
        _y = Top;
    }

    private void Artifact(Action draw)
    {
        _tags.BeginArtifact();
        draw();
        _tags.End();
    }

    private static double Line(XFont font) => font.GetHeight() * 1.05;

    /// <summary>Breaks text into lines that fit the width: at spaces, and inside words too long for a line.</summary>
    private List<string> Wrap(string text, XFont font, double width)
    {
        var result = new List<string>();
        foreach (var paragraph in Clean(text).Split('\n'))
        {
            var current = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (Width(candidate, font) <= width)
                {
                    current = candidate;
                    continue;
                }

                if (current.Length > 0)
                {
                    result.Add(current);
                }

                current = word;
                while (Width(current, font) > width)
                {
                    var cut = LongestPrefixThatFits(current, font, width);
                    result.Add(current[..cut]);
                    current = current[cut..];
                }
            }

            result.Add(current);
        }

        return result;
    }

    private int LongestPrefixThatFits(string word, XFont font, double width)
    {
        // Cut only between text elements, so a surrogate pair or a letter with its accents stays whole.
        var stops = StringInfo.ParseCombiningCharacters(word).Skip(1).Append(word.Length).ToArray();
        int low = 0, high = stops.Length - 1;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (Width(word[..stops[mid]], font) <= width)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return stops[low];
    }

    private double Width(string text, XFont font) => G.MeasureString(text, font).Width;

    /// <summary>Line breaks become '\n'; tabs spaces; other control and invisible format characters are dropped.</summary>
    private static string Clean(string text)
    {
        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Replace('\t', ' ');
        var builder = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            var category = char.GetUnicodeCategory(c);
            if (c == '\n' || (category != UnicodeCategory.Control && category != UnicodeCategory.Format))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
