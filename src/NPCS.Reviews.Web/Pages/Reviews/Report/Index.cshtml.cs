using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NPCS.Reviews.Application.Features.Report;

namespace NPCS.Reviews.Web.Pages.Reviews.Report;

/// <summary>The review as a document for leadership: printable, and as a PDF made on the server.</summary>
public class IndexModel(ISender sender) : PageModel
{
    public GetReviewSummary.Result? View { get; private set; }

    public async Task OnGetAsync(int id, CancellationToken ct) => View = await sender.Send(new GetReviewSummary.Query(id), ct);
}
