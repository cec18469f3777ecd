using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using NPCS.Reviews.Application.Features.Administration;

namespace NPCS.Reviews.Web.Pages.Admin;

internal static class PasswordLinks
{
    /// <summary>The absolute set-password link for a one-time token.</summary>
    public static string ToUrl(this PageModel page, PasswordLink link)
    {
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(link.Token));
        return page.Url.Page("/Account/SetPassword", null, new { userId = link.UserId, code }, page.Request.Scheme)!;
    }
}
