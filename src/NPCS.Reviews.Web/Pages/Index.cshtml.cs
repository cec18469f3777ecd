using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NPCS.Reviews.Application.Features.Home;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Web.Pages;

/// <summary>The home page: "My work" for jurisdiction staff, the de-identified pointer for analysts.</summary>
public class IndexModel(ISender sender) : PageModel
{
    public string DisplayName => User.FindFirstValue(AppClaims.DisplayName) ?? User.Identity?.Name ?? string.Empty;

    /// <summary>Null for analysts and anyone without a jurisdiction role, who see no review.</summary>
    public GetMyWork.Result? Work { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Roles.JurisdictionRoles.Any(User.IsInRole))
        {
            Work = await sender.Send(new GetMyWork.Query(), ct);
        }
    }
}
