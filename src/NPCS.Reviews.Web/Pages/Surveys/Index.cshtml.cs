using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NPCS.Reviews.Application.Features.Surveys;

namespace NPCS.Reviews.Web.Pages.Surveys;

/// <summary>The jurisdiction's safety culture survey waves.</summary>
public class IndexModel(ISender sender) : PageModel
{
    public IReadOnlyList<ListWaves.Wave> Waves { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Waves = await sender.Send(new ListWaves.Query(), ct);
}
