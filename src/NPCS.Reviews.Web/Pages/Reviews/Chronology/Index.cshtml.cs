using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NPCS.Reviews.Application.Features.Chronology;
using NPCS.Reviews.Web.Infrastructure;

namespace NPCS.Reviews.Web.Pages.Reviews.Chronology;

/// <summary>The review's chronology: the entries in time order, each with Edit and Delete, and a quick-add form.</summary>
public class IndexModel(ISender sender) : PageModel, IReloadOnError
{
    private const string AddedKey = "ChronologyEntryAdded";

    [FromRoute]
    public int Id { get; set; }

    public ListChronology.Result? View { get; private set; }

    [BindProperty]
    public AddChronologyEntry.Command Data { get; set; } = new();

    /// <summary>True right after an entry was added, so the cursor waits in the date field for the next one.</summary>
    public bool FocusAddForm { get; private set; }

    /// <summary>The add form was posted: its refusals show in its own summary, not the page's.</summary>
    public bool AddPosted { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        FocusAddForm = TempData[AddedKey] is true;
        await ReloadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Data.Id = Id;
        AddPosted = true;
        if (!ModelState.IsValid)
        {
            // A value no browser form would send (a hand-made request): its message is beside the field.
            await ReloadAsync(ct);
            return Page();
        }

        await sender.Send(Data, ct);
        TempData["Flash"] = "Entry added.";
        TempData[AddedKey] = true;
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostDeleteAsync(int entryId, Guid version, CancellationToken ct)
    {
        await sender.Send(new DeleteChronologyEntry.Command(Id, entryId, version), ct);
        TempData["Flash"] = "Entry deleted.";
        return RedirectToPage(new { id = Id });
    }

    public async Task ReloadAsync(CancellationToken ct) => View = await sender.Send(new ListChronology.Query(Id), ct);
}
