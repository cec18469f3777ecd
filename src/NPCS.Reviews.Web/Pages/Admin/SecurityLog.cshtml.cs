using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Features.Administration;

namespace NPCS.Reviews.Web.Pages.Admin;

public class SecurityLogModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public SecurityEventKind? Kind { get; set; }

    [BindProperty(Name = "p", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public ListSecurityEvents.Result? Result { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        // A value the list never offers (a hand-edited address) shows every event, with the message beside the filter.
        var badKind = (ModelState.TryGetValue(nameof(Kind), out var k) && k.Errors.Count > 0) || (Kind is { } kind && !Enum.IsDefined(kind));
        if (badKind)
        {
            ModelState.Remove(nameof(Kind));
            ModelState.AddModelError(nameof(Kind), "Choose a kind of event from the list.");
            Kind = null;
        }

        if (ModelState.TryGetValue("p", out var p) && p.Errors.Count > 0)
        {
            PageNumber = 1;
        }

        Result = await sender.Send(new ListSecurityEvents.Query(Kind, PageNumber), ct);
    }
}
