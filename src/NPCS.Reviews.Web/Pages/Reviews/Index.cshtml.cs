using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NPCS.Reviews.Application.Features.Reviews;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Web.Pages.Reviews;

public class IndexModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public ReviewStage? Stage { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public ListReviews.Result Result { get; private set; } = new([], 0, 1, 1);

    public async Task OnGetAsync(CancellationToken ct)
    {
        // A hand-edited query string (unknown stage, page "abc") shows the unfiltered list rather than an error.
        if (!ModelState.IsValid)
        {
            Stage = ModelState.TryGetValue(nameof(Stage), out var s) && s.Errors.Count > 0 ? null : Stage;
            PageNumber = ModelState.TryGetValue("p", out var p) && p.Errors.Count > 0 ? 1 : PageNumber;
        }

        Result = await sender.Send(new ListReviews.Query(Stage, Search, PageNumber), ct);
    }
}
