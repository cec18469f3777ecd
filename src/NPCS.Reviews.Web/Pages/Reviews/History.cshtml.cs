using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NPCS.Reviews.Application.Features.Reviews;

namespace NPCS.Reviews.Web.Pages.Reviews;

/// <summary>The review's history: every change, who made it and when.</summary>
public class HistoryModel(ISender sender) : PageModel
{
    public GetHistory.Result? View { get; private set; }

    public async Task OnGetAsync(int id, CancellationToken ct) => View = await sender.Send(new GetHistory.Query(id), ct);
}
