using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NPCS.Reviews.Application.Features.FamilyNeeds;
using NPCS.Reviews.Application.Features.Reviews;
using NPCS.Reviews.Web.Infrastructure;

namespace NPCS.Reviews.Web.Pages.Reviews.FamilyNeeds;

/// <summary>Corrects one need of the family-needs analysis.</summary>
public class EditNeedModel(ISender sender) : PageModel, IReloadOnError
{
    [FromRoute]
    public int Id { get; set; }

    [FromRoute]
    public int NeedId { get; set; }

    public ReviewHeader? Header { get; private set; }

    [BindProperty]
    public EditNeed.Command Data { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Data = await sender.Send(new EditNeed.Query(Id, NeedId), ct);
        if (!Data.Editable)
        {
            TempData["Flash"] = "The family-needs analysis cannot be changed at this stage.";
            return RedirectToPage("Index", new { id = Id });
        }

        await ReloadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Data.Id = Id;
        Data.NeedId = NeedId;
        if (!ModelState.IsValid)
        {
            await ReloadAsync(ct);
            return Page();
        }

        await sender.Send(Data, ct);
        TempData["Flash"] = "Need saved.";
        return RedirectToPage("Index", null, new { id = Id }, "needs");
    }

    /// <summary>Before the form comes back: a need that is not this review's (another jurisdiction's, or removed) is not found (404).</summary>
    public async Task ReloadAsync(CancellationToken ct)
    {
        await sender.Send(new EditNeed.Query(Id, NeedId), ct);
        Header = await sender.Send(new GetReviewHeader.Query(Id), ct);
    }
}
