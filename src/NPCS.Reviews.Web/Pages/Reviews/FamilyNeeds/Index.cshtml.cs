using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NPCS.Reviews.Application.Features.FamilyNeeds;
using NPCS.Reviews.Web.Infrastructure;

namespace NPCS.Reviews.Web.Pages.Reviews.FamilyNeeds;

/// <summary>
/// The family-needs analysis: needs, protective factors, bias reflection, family voice and completion,
/// each its own form. After a refused save only the posted form keeps the user's input; the others
/// show what is saved.
/// </summary>
public class IndexModel(ISender sender) : PageModel, IReloadOnError, IHasFormPrefix
{
    [FromRoute]
    public int Id { get; set; }

    public GetFamilyNeeds.Result? View { get; private set; }

    [BindProperty]
    public AddNeed.Command Need { get; set; } = new();

    [BindProperty]
    public RateProtectiveFactors.Command Rate { get; set; } = new();

    [BindProperty]
    public SaveBiasReflection.Command Bias { get; set; } = new();

    [BindProperty]
    public SaveFamilyVoice.Command Voice { get; set; } = new();

    [BindProperty]
    public CompleteFamilyNeeds.Command Complete { get; set; } = new();

    public const string UnreadableMessage = "Some of what was sent could not be read. Nothing was saved: reload the page and try again.";

    public string FormPrefix { get; private set; } = string.Empty;

    public async Task OnGetAsync(CancellationToken ct) => await ReloadAsync(ct);

    public async Task<IActionResult> OnPostAddNeedAsync(CancellationToken ct)
    {
        FormPrefix = nameof(Need);
        Need.Id = Id;
        return await SendAsync(Need, "Need added.", ToSection("needs"), ct);
    }

    public async Task<IActionResult> OnPostDeleteNeedAsync(int needId, Guid version, CancellationToken ct) =>
        await SendAsync(new DeleteNeed.Command(Id, needId, version), "Need removed.", ToSection("needs"), ct);

    public Task<IActionResult> OnPostRateAsync(CancellationToken ct) =>
        SendAnalysisFormAsync(nameof(Rate), Rate, "Protective factors saved.", "factors", ct);

    public Task<IActionResult> OnPostBiasAsync(CancellationToken ct) =>
        SendAnalysisFormAsync(nameof(Bias), Bias, "Bias reflection saved.", "bias", ct);

    public Task<IActionResult> OnPostVoiceAsync(CancellationToken ct) =>
        SendAnalysisFormAsync(nameof(Voice), Voice, "Family and community voice saved.", "voice", ct);

    public async Task<IActionResult> OnPostCompleteAsync(CancellationToken ct)
    {
        FormPrefix = nameof(Complete);
        Complete.Id = Id;
        return await SendAsync(
            Complete, "Family-needs analysis completed. The review moves on to the debrief.", RedirectToPage("/Reviews/Details", new { id = Id }), ct);
    }

    public async Task ReloadAsync(CancellationToken ct)
    {
        View = await sender.Send(new GetFamilyNeeds.Query(Id), ct);

        // The form that was posted keeps what the user typed; the others show what is saved.
        if (FormPrefix != nameof(Rate))
        {
            Rate = View.Factors;
        }

        if (FormPrefix != nameof(Bias))
        {
            Bias = View.Bias;
        }

        if (FormPrefix != nameof(Voice))
        {
            Voice = View.Voice;
        }

        if (FormPrefix != nameof(Need))
        {
            Need = new AddNeed.Command();
        }

        if (FormPrefix != nameof(Complete))
        {
            Complete = new CompleteFamilyNeeds.Command();
        }
    }

    private Task<IActionResult> SendAnalysisFormAsync<TForm>(string prefix, TForm form, string flash, string section, CancellationToken ct)
        where TForm : AnalysisForm, ICommand
    {
        FormPrefix = prefix;
        form.Id = Id;
        return SendAsync(form, flash, ToSection(section), ct);
    }

    private RedirectToPageResult ToSection(string section) => RedirectToPage(null, null, new { id = Id }, section);

    private async Task<IActionResult> SendAsync(ICommand command, string flash, IActionResult next, CancellationToken ct)
    {
        // Every field of this page is a choice or free text, so a value the binder could not read comes
        // from a hand-made post; it may name no visible field, so the summary says so too.
        if (!ModelState.IsValid)
        {
            ModelState.AddModelError(string.Empty, UnreadableMessage);
            await ReloadAsync(ct);
            return Page();
        }

        await sender.Send(command, ct);
        TempData["Flash"] = flash;
        return next;
    }
}
