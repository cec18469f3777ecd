using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NPCS.Reviews.Application.Features.Trends;

namespace NPCS.Reviews.Web.Pages.Trends;

/// <summary>The trends dashboard, filtered through the query string; each table also downloads as CSV.</summary>
public class IndexModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public GetTrends.Query Data { get; set; } = new();

    public GetTrends.Choices? Choices { get; private set; }

    public GetTrends.Result? Result { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Choices = await sender.Send(new GetTrends.ChoicesQuery(), ct);

        // A value the form never sends (a month "2026-13", an unknown type) stays beside its field.
        if (ModelState.IsValid)
        {
            Result = await sender.Send(Data, ct);
        }
    }

    public async Task<IActionResult> OnGetCsvAsync(string? table, CancellationToken ct)
    {
        await OnGetAsync(ct);
        if (Result is null)
        {
            return Page();
        }

        var found = Result.Tables.FirstOrDefault(t => t.Id == table);
        return found is null
            ? NotFound()
            : TrendCsv.File(Response, found, string.Create(CultureInfo.InvariantCulture, $"trends-{found.Id}-{Result.Period.From}-to-{Result.Period.To}.csv"));
    }

    /// <summary>The address of a table's CSV, with the filters of this page.</summary>
    public string CsvUrl(string table) => Url.Page("Index", "Csv", new Dictionary<string, object?>
    {
        ["table"] = table,
        ["Data.From"] = Result?.Period.From.ToString(),
        ["Data.To"] = Result?.Period.To.ToString(),
        ["Data.IncidentType"] = Result?.IncidentType,
        ["Data.Jurisdiction"] = Result?.Jurisdiction,
    })!;
}
