using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NPCS.Reviews.Application.Features.Administration;

namespace NPCS.Reviews.Web.Pages.Admin.Users;

public class IndexModel(ISender sender) : PageModel
{
    public IReadOnlyList<ListUsers.Row> Users { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Users = await sender.Send(new ListUsers.Query(), ct);
}
