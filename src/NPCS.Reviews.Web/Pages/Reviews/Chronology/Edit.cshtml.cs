using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NPCS.Reviews.Application.Features.Chronology;
using NPCS.Reviews.Application.Features.Reviews;
using NPCS.Reviews.Web.Infrastructure;

namespace NPCS.Reviews.Web.Pages.Reviews.Chronology;

/// <summary>Corrects one chronology entry.</summary>
public class EditModel(ISender sender) : PageModel, IReloadOnError
{
    [FromRoute]
    public int Id { get; set; }

    [FromRoute]
    public int EntryId { get; set; }

    public ReviewHeader? Header { get; private set; }

    [BindProperty]
    public EditChronologyEntry.Command Data { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Data = await sender.Send(new EditChronologyEntry.Query(Id, EntryId), ct);
        if (!Data.Editable)
        {
            TempData["Flash"] = "The chronology is locked and can no longer be changed.";
            return RedirectToPage("Index", new { id = Id });
        }

        await ReloadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Data.Id = Id;
        Data.EntryId = EntryId;
        if (!ModelState.IsValid)
        {
            await ReloadAsync(ct);
            return Page();
        }

        await sender.Send(Data, ct);
        TempData["Flash"] = "Entry saved.";
        return RedirectToPage("Index", new { id = Id });
    }

    /// <summary>Before the form comes back: an entry that is not this review's (another jurisdiction's, or deleted) is not found (404).</summary>
    public async Task ReloadAsync(CancellationToken ct)
    {
        await sender.Send(new EditChronologyEntry.Query(Id, EntryId), ct);
        Header = await sender.Send(new GetReviewHeader.Query(Id), ct);
    }
}
