using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NPCS.Reviews.Application.Features.Catalog;
using NPCS.Reviews.Web.Infrastructure;

namespace NPCS.Reviews.Web.Pages.Admin.Catalog;

/// <summary>The factor catalog: read it by domain, add or retire items, export it, import a replacement.</summary>
public class IndexModel(ISender sender) : PageModel, IReloadOnError, IHasFormPrefix
{
    public GetCatalog.Result? View { get; private set; }

    [BindProperty]
    public AddCatalogItem.Command Item { get; set; } = new();

    [BindProperty]
    public ImportForm Import { get; set; } = new();

    public string FormPrefix { get; private set; } = nameof(Item);

    public async Task OnGetAsync(CancellationToken ct) => await ReloadAsync(ct);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        FormPrefix = nameof(Item);
        if (!ModelState.IsValid)
        {
            // Only a hand-made post gets here (say, a domain that is not a number): its message is beside the field.
            await ReloadAsync(ct);
            return Page();
        }

        await sender.Send(Item, ct);
        TempData["Flash"] = $"Item {Item.Code?.Trim()} added.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRetireAsync(int itemId, Guid version, CancellationToken ct)
    {
        await sender.Send(new RetireCatalogItem.Command(itemId, version), ct);
        TempData["Flash"] = "Item retired. Findings already coded with it keep it.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var file = await sender.Send(new ExportCatalog.Query(), ct);
        return File(file.Content, ExportCatalog.Result.ContentType, file.FileName);
    }

    public async Task<IActionResult> OnPostImportAsync(CancellationToken ct)
    {
        FormPrefix = nameof(Import);
        await sender.Send(new ImportCatalog.Command { File = await Uploads.ReadAsync(Import.File, CatalogJson.MaxBytes, ct) }, ct);
        TempData["Flash"] = "Catalog imported. New findings are coded with it; earlier findings keep the catalog they were coded with.";
        return RedirectToPage();
    }

    public async Task ReloadAsync(CancellationToken ct) => View = await sender.Send(new GetCatalog.Query(), ct);

    public sealed class ImportForm
    {
        public IFormFile? File { get; set; }
    }
}
