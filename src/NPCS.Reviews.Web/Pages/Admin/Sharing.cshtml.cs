using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Features.Sharing;
using NPCS.Reviews.Web.Infrastructure;

namespace NPCS.Reviews.Web.Pages.Admin;

/// <summary>Data sharing: download the jurisdiction's de-identified extract of a period, and see every extract made so far.</summary>
public class SharingModel(ISender sender, JurisdictionClock clock) : PageModel, IReloadOnError
{
    [BindProperty]
    public ExportExtract.Query Data { get; set; } = new();

    public ListExtractExports.Result? Exports { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        // The last twelve whole months by default: the period NPCS usually asks for.
        var thisMonth = YearMonth.Of(await clock.TodayAsync(ct));
        Data = new ExportExtract.Query
        {
            From = thisMonth.AddMonths(-12).ToString(),
            To = thisMonth.AddMonths(-1).ToString(),
            Format = ExtractFormat.JsonLines,
        };
        await ReloadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            await ReloadAsync(ct);
            return Page();
        }

        var file = await sender.Send(Data, ct);
        return new StreamedFileResult(file.FileName, file.ContentType, file.WriteAsync);
    }

    public async Task ReloadAsync(CancellationToken ct) => Exports = await sender.Send(new ListExtractExports.Query(), ct);

    public static string Month(YearMonth month) => month.FirstDay.ToString("MMMM yyyy", CultureInfo.InvariantCulture);
}
