using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NPCS.Reviews.Application.Features.FollowUp;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Web.Pages.Actions;

/// <summary>The jurisdiction's actions of approved reviews, filtered through the query string.</summary>
public class IndexModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public ActionStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Owner { get; set; }

    [BindProperty(SupportsGet = true)]
    public ActionStrength? Strength { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Overdue { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public ListActions.Result Result { get; private set; } = new([], 0, 1, 1, default);

    public bool Filtered => Status is not null || Strength is not null || Overdue || !string.IsNullOrWhiteSpace(Owner);

    public async Task OnGetAsync(CancellationToken ct)
    {
        // A hand-edited query string (unknown status, page "abc") drops that filter rather than failing.
        if (!ModelState.IsValid)
        {
            Status = HasError(nameof(Status)) ? null : Status;
            Strength = HasError(nameof(Strength)) ? null : Strength;
            Overdue = !HasError(nameof(Overdue)) && Overdue;
            PageNumber = HasError("p") ? 1 : PageNumber;
        }

        Result = await sender.Send(new ListActions.Query(Status, Owner, Strength, Overdue, PageNumber), ct);
    }

    private bool HasError(string key) => ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0;
}
