using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NPCS.Reviews.Application.Features.Hub;
using NPCS.Reviews.Web.Infrastructure;

namespace NPCS.Reviews.Web.Pages.Hub;

/// <summary>
/// The NPCS hub for Analysts: import a jurisdiction's de-identified extract, see what each
/// jurisdiction's shared reviews cover and the import log. The size limits sit on the class because
/// Razor Pages takes filter attributes from the page model, not from a handler method; only the
/// import posts a body.
/// </summary>
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
[RefuseOversizedUpload]
public class IndexModel(ISender sender) : PageModel, IReloadOnError, IHasFormPrefix
{
    /// <summary>The largest extract plus room for the rest of the form (the token, the part headers).</summary>
    public const long MaxRequestBytes = ImportExtract.MaxBytes + (1024 * 1024);

    public ListSharedExtracts.Result? View { get; private set; }

    [BindProperty]
    public ImportForm Import { get; set; } = new();

    public string FormPrefix => nameof(Import);

    public async Task OnGetAsync(CancellationToken ct) => await ReloadAsync(ct);

    public async Task<IActionResult> OnPostImportAsync(CancellationToken ct)
    {
        var file = Import.File;
        var result = await sender.Send(
            new ImportExtract.Command { File = file is null ? null : new ImportExtract.ExtractFile(file.OpenReadStream, file.Length) },
            ct);
        TempData["Flash"] = string.Create(
            CultureInfo.InvariantCulture,
            $"Extract of {result.Jurisdiction} for {result.Period.From} to {result.Period.To} imported: {result.Imported} review{(result.Imported == 1 ? "" : "s")}, replacing {result.Replaced} held before.");
        return RedirectToPage();
    }

    public async Task ReloadAsync(CancellationToken ct) => View = await sender.Send(new ListSharedExtracts.Query(), ct);

    public sealed class ImportForm
    {
        public IFormFile? File { get; set; }
    }
}
