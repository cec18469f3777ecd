using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NPCS.Reviews.Application.Features.Surveys;
using NPCS.Reviews.Web.Infrastructure;

namespace NPCS.Reviews.Web.Pages.Survey;

/// <summary>
/// The anonymous questionnaire, one page per domain, reached through a single-use link without
/// signing in. Answers are kept as a draft under the link until submitted, so it can be resumed.
/// </summary>
public class AnswerModel(ISender sender) : PageModel, IReloadOnError
{
    /// <summary>The link's token, from the query string (never the path: request logs record paths, and the token is a secret).</summary>
    public string? Token { get; private set; }

    public GetSurveyPage.Result? View { get; private set; }

    [BindProperty]
    public SaveSurveyPage.Command Data { get; set; } = new();

    /// <summary>Shown once, after the last page was submitted.</summary>
    public bool Submitted { get; private set; }

    public async Task OnGetAsync(string? token, int? step, bool done, CancellationToken ct)
    {
        Token = token;
        // The link is a secret: no cache keeps the pages, and the address is not sent on to other sites.
        Response.Headers.CacheControl = "no-store";
        View = await sender.Send(new GetSurveyPage.Query(Token, step), ct);
        Submitted = done && View.State == InvitationState.Used;
    }

    public async Task<IActionResult> OnPostAsync(string? token, CancellationToken ct)
    {
        Token = token;
        Response.Headers.CacheControl = "no-store";
        Data.Token = Token;
        var result = await sender.Send(Data, ct);
        return RedirectToPage(result.Submitted ? new { token = Token, done = true } : new { token = Token, step = result.NextStep });
    }

    public async Task ReloadAsync(CancellationToken ct) =>
        View = await sender.Send(new GetSurveyPage.Query(Token, Data.Step > 0 ? Data.Step : null), ct);
}
