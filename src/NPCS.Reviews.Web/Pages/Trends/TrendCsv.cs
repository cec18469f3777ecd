using System.Text;
using Microsoft.AspNetCore.Mvc;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Features.Trends;

namespace NPCS.Reviews.Web.Pages.Trends;

/// <summary>A trend table as CSV: the cells exactly as the page shows them ("fewer than 5", "suppressed"), never cached.</summary>
public static class TrendCsv
{
    public static IActionResult File(HttpResponse response, TrendTable table, string fileName)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(table);
        var text = new StringBuilder();
        foreach (var line in table.CsvLines())
        {
            text.Append(Csv.Line(line)).Append("\r\n");
        }

        // Aggregates, but of child deaths and injuries: no browser or proxy keeps a copy.
        response.Headers.CacheControl = "no-store";

        // The byte order mark makes spreadsheet programs read the file as UTF-8.
        return new FileContentResult([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())], "text/csv; charset=utf-8")
        {
            FileDownloadName = fileName,
        };
    }
}
