using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NPCS.Reviews.Application.Features.SurveyHub;
using NPCS.Reviews.Web.Infrastructure;

namespace NPCS.Reviews.Web.Pages.Hub;

/// <summary>NPCS hub: import jurisdictions' survey aggregates and compare their domain means with the pool.</summary>
public class SurveysModel(ISender sender) : PageModel, IReloadOnError, IHasFormPrefix
{
    public IReadOnlyList<GetSurveyPool.InstrumentPool> Pools { get; private set; } = [];

    [BindProperty]
    public UploadForm Import { get; set; } = new();

    public string FormPrefix => nameof(Import);

    public async Task OnGetAsync(CancellationToken ct) => await ReloadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await sender.Send(new ImportSurveyAggregate.Command { File = await Uploads.ReadAsync(Import.File, ImportSurveyAggregate.MaxBytes, ct) }, ct);
        TempData["Flash"] = result.Replaced
            ? $"Survey aggregate of {result.Jurisdiction} imported; it replaces the earlier import of the same wave."
            : $"Survey aggregate of {result.Jurisdiction} imported.";
        return RedirectToPage();
    }

    public async Task ReloadAsync(CancellationToken ct) => Pools = await sender.Send(new GetSurveyPool.Query(), ct);
}
