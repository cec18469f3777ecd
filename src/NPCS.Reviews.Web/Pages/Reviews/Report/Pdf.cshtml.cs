using System.Text.RegularExpressions;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NPCS.Reviews.Application.Features.Report;
using NPCS.Reviews.Web.Reports;

namespace NPCS.Reviews.Web.Pages.Reviews.Report;

/// <summary>The review report as a PDF download, with the same sections and rights as the report page.</summary>
public partial class PdfModel(ISender sender) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var view = await sender.Send(new GetReviewSummary.Query(id), ct);
        var pdf = ReviewReportPdf.Render(view);

        // A report about a child must not linger in shared or browser caches.
        Response.Headers.CacheControl = "no-store";
        return File(pdf, "application/pdf", $"review-{UnsafeInFileName().Replace(view.Header.Number, "-")}.pdf");
    }

    [GeneratedRegex("[^A-Za-z0-9-]")]
    private static partial Regex UnsafeInFileName();
}
