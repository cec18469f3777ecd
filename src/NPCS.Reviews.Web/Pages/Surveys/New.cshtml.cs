using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NPCS.Reviews.Application.Features.Surveys;
using NPCS.Reviews.Web.Infrastructure;

namespace NPCS.Reviews.Web.Pages.Surveys;

/// <summary>An Administrator opens a survey wave.</summary>
public class NewModel(ISender sender) : PageModel, IReloadOnError
{
    public OpenWave.Form? Form { get; private set; }

    [BindProperty]
    public OpenWave.Command Data { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct)
    {
        await ReloadAsync(ct);
        Data.OpensOn = Form!.Today;
        Data.ClosesOn = Form.Today.AddDays(21);
        Data.InstrumentId = Form.Instruments.Count > 0 ? Form.Instruments[0].Id : null;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            await ReloadAsync(ct);
            return Page();
        }

        var id = await sender.Send(Data, ct);
        TempData["Flash"] = "Wave opened. Make the invitation links next: one for each person invited.";
        return RedirectToPage("Links", new { waveId = id });
    }

    public async Task ReloadAsync(CancellationToken ct) => Form = await sender.Send(new OpenWave.FormQuery(), ct);
}
