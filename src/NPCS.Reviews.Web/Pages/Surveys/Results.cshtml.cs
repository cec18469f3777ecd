using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NPCS.Reviews.Application.Features.Surveys;
using NPCS.Reviews.Web.Infrastructure;

namespace NPCS.Reviews.Web.Pages.Surveys;

/// <summary>A wave's results: response rates, domain and item scores of the groups that may be shown, charts with their tables, CSV and the hub aggregate.</summary>
public class ResultsModel(ISender sender) : PageModel, IReloadOnError
{
    public GetWaveResults.Result? View { get; private set; }

    [FromRoute]
    public int WaveId { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await ReloadAsync(ct);

    public Task<IActionResult> OnGetRatesCsvAsync(CancellationToken ct) => CsvAsync("response-rates", ResultsCsv.Rates, ct);

    public Task<IActionResult> OnGetDomainsCsvAsync(CancellationToken ct) => CsvAsync("domains", ResultsCsv.Domains, ct);

    public Task<IActionResult> OnGetItemsCsvAsync(CancellationToken ct) => CsvAsync("items", ResultsCsv.Items, ct);

    public async Task<IActionResult> OnGetAggregateAsync(CancellationToken ct)
    {
        var file = await sender.Send(new ExportWaveAggregate.Query(WaveId), ct);
        return File(file.Content, ExportWaveAggregate.Result.ContentType, file.FileName);
    }

    public async Task ReloadAsync(CancellationToken ct) => View = await sender.Send(new GetWaveResults.Query(WaveId), ct);

    private async Task<IActionResult> CsvAsync(string table, Func<GetWaveResults.Result, byte[]> write, CancellationToken ct)
    {
        await ReloadAsync(ct);
        var name = string.Create(CultureInfo.InvariantCulture, $"survey-wave-{WaveId}-{table}.csv");
        return File(write(View!), "text/csv; charset=utf-8", name);
    }
}
