using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NPCS.Reviews.Application.Features.Findings;
using NPCS.Reviews.Application.Features.Reviews;
using NPCS.Reviews.Web.Infrastructure;

namespace NPCS.Reviews.Web.Pages.Reviews.Findings;

/// <summary>Changes one action, or marks it as not adopted with a reason (two forms).</summary>
public class EditActionModel(ISender sender) : PageModel, IReloadOnError, IHasFormPrefix
{
    [FromRoute]
    public int Id { get; set; }

    [FromRoute]
    public int ActionId { get; set; }

    public ReviewHeader? Header { get; private set; }

    [BindProperty]
    public EditAction.Command Data { get; set; } = new();

    [BindProperty]
    public NotAdoptAction.Command NotAdopt { get; set; } = new();

    public string FormPrefix { get; private set; } = nameof(Data);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Data = await sender.Send(new EditAction.Query(Id, ActionId), ct);
        if (!Data.Editable)
        {
            TempData["Flash"] = "The findings cannot be changed at this stage.";
            return RedirectToPage("Index", new { id = Id });
        }

        Header = await sender.Send(new GetReviewHeader.Query(Id), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Data.Id = Id;
        Data.ActionId = ActionId;
        return await SendAsync(Data, "Action saved.", ct);
    }

    public async Task<IActionResult> OnPostNotAdoptAsync(CancellationToken ct)
    {
        FormPrefix = nameof(NotAdopt);
        NotAdopt.Id = Id;
        NotAdopt.ActionId = ActionId;
        return await SendAsync(NotAdopt, "Action marked as not adopted.", ct);
    }

    public async Task ReloadAsync(CancellationToken ct)
    {
        Header = await sender.Send(new GetReviewHeader.Query(Id), ct);

        // The form that was posted keeps what the user typed; the other shows what is saved.
        var saved = await sender.Send(new EditAction.Query(Id, ActionId), ct);
        if (FormPrefix != nameof(Data))
        {
            Data = saved;
        }

        if (FormPrefix != nameof(NotAdopt))
        {
            NotAdopt = new NotAdoptAction.Command { Version = saved.Version };
        }
    }

    private async Task<IActionResult> SendAsync(ICommand command, string flash, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            ModelState.AddModelError(string.Empty, IndexModel.UnreadableMessage);
            await ReloadAsync(ct);
            return Page();
        }

        await sender.Send(command, ct);
        TempData["Flash"] = flash;
        return RedirectToPage("Index", null, new { id = Id }, "findings");
    }
}
