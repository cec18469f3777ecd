using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace NPCS.Reviews.Web.Pages;

/// <summary>Friendly error and status pages: no stack trace, no detail about what exists.</summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Something went wrong";

    public string Message { get; private set; } = "The application could not finish your request. Nothing you entered has been shared; please try again.";

    public string? RequestId { get; private set; }

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        switch (code)
        {
            case 404:
                Title = "Page not found";
                Message = "There is no page at this address, or it belongs to another jurisdiction.";
                break;
            case 403:
                Title = "Not available to your role";
                Message = "Your account's role does not give access to this page. If you need it, ask your administrator.";
                break;
            case 429:
                Title = "Too many attempts";
                Message = "There have been too many sign-in attempts from your network in a short time. Wait a minute, then try again.";
                break;
            case 400:
                Title = "The request could not be accepted";
                Message = "The form may have expired. Go back, reload the page and try again.";
                break;
            case 413:
                Title = "The file is too large";
                Message = "What you sent is larger than this page accepts; nothing was saved. The page states its limit beside the file field: go back and choose a smaller file.";
                break;
            case null or >= 500:
                RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
                break;
            default:
                Title = "The request could not be completed";
                Message = "Go back and try again.";
                break;
        }
    }
}
