using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Web.Pages;

public class IndexModel : PageModel
{
    public string DisplayName => User.FindFirstValue(AppClaims.DisplayName) ?? User.Identity?.Name ?? string.Empty;

    public void OnGet()
    {
    }
}
