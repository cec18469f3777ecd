using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using NPCS.Reviews.Application.Features.Administration;

namespace NPCS.Reviews.Web.Infrastructure;

/// <summary>
/// The one-time set-password link: /Account/SetPassword?userId=…&amp;code=…, where the code is the
/// Identity token in base64url. Made by the administration pages and the create-admin command,
/// read by the set-password page; the format lives only here.
/// </summary>
public static class SetPasswordLinks
{
    public const string PagePath = "/Account/SetPassword";

    /// <summary>The link on this site, for the request being served (keeps any path base).</summary>
    public static string ForRequest(IUrlHelper url, string scheme, PasswordLink link)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(link);
        return url.Page(PagePath, null, new { userId = link.UserId, code = Encode(link.Token) }, scheme)!;
    }

    /// <summary>The link on the site at <paramref name="siteAddress"/> (its scheme and host), for the command line.</summary>
    public static Uri ForSite(Uri siteAddress, PasswordLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        return new Uri(siteAddress, $"{PagePath}?userId={Uri.EscapeDataString(link.UserId)}&code={Encode(link.Token)}");
    }

    /// <summary>The Identity token carried by a link's code, or null when the code is not one of ours.</summary>
    public static string? TokenFrom(string? code)
    {
        try
        {
            var token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code ?? string.Empty));
            return token.Length == 0 ? null : token;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
}
