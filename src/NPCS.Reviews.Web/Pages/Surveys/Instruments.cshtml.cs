using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NPCS.Reviews.Application.Features.Surveys;
using NPCS.Reviews.Web.Infrastructure;

namespace NPCS.Reviews.Web.Pages.Surveys;

/// <summary>Survey instruments: read each version, export it as JSON, import a new one.</summary>
public class InstrumentsModel(ISender sender) : PageModel, IReloadOnError, IHasFormPrefix
{
    public IReadOnlyList<ListInstruments.Instrument> Instruments { get; private set; } = [];

    [BindProperty]
    public UploadForm Import { get; set; } = new();

    public string FormPrefix => nameof(Import);

    public async Task OnGetAsync(CancellationToken ct) => await ReloadAsync(ct);

    public async Task<IActionResult> OnGetExportAsync(int instrumentId, CancellationToken ct)
    {
        var file = await sender.Send(new ExportInstrument.Query(instrumentId), ct);
        return File(file.Content, ExportInstrument.Result.ContentType, file.FileName);
    }

    public async Task<IActionResult> OnPostImportAsync(CancellationToken ct)
    {
        var imported = await sender.Send(new ImportInstrument.Command { File = await Uploads.ReadAsync(Import.File, SurveyJson.MaxBytes, ct) }, ct);
        TempData["Flash"] = $"{imported.Name}, version {imported.Version}, imported. New waves can use it.";
        return RedirectToPage();
    }

    public async Task ReloadAsync(CancellationToken ct) => Instruments = await sender.Send(new ListInstruments.Query(), ct);
}
