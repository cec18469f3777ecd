using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NPCS.Reviews.Application.Features.Trends;

namespace NPCS.Reviews.Web.Pages.Trends;

/// <summary>The printable annual summary of one jurisdiction; each table also downloads as CSV.</summary>
public class AnnualModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public GetAnnualSummary.Query Data { get; set; } = new();

    public GetTrends.Choices? Choices { get; private set; }

    public GetAnnualSummary.Result? Result { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Choices = await sender.Send(new GetTrends.ChoicesQuery(), ct);

        // An Analyst first chooses the jurisdiction: until then the page shows the form only.
        if (ModelState.IsValid && !(Choices.IsAnalyst && string.IsNullOrEmpty(Data.Jurisdiction)))
        {
            Result = await sender.Send(Data, ct);
        }
    }

    public async Task<IActionResult> OnGetCsvAsync(string? table, CancellationToken ct)
    {
        Choices = await sender.Send(new GetTrends.ChoicesQuery(), ct);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        // Without a jurisdiction an Analyst's request is refused beside the field, as the page's would be.
        Result = await sender.Send(Data, ct);
        var found = Result.Tables.FirstOrDefault(t => t.Id == table);
        return found is null
            ? NotFound()
            : TrendCsv.File(Response, found, string.Create(CultureInfo.InvariantCulture, $"annual-summary-{Result.Year}-{found.Id}.csv"));
    }

    public string CsvUrl(string table) => Url.Page("Annual", "Csv", new Dictionary<string, object?>
    {
        ["table"] = table,
        ["Data.Year"] = Result?.Year,
        ["Data.Jurisdiction"] = Result is { FromHub: true } ? Result.JurisdictionName : null,
    })!;
}
