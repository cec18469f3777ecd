namespace NPCS.Reviews.Web.Infrastructure;

/// <summary>
/// A list's page links (<c>Pages/Shared/_Pager.cshtml</c>): Previous, the first and last pages, the
/// pages around the current one, gaps between them, and Next. A list of 200 pages is a handful of
/// links, not 200: fewer stops for a keyboard or screen reader user, and fewer links to generate.
/// </summary>
/// <param name="Label">The navigation landmark's name, such as "Review pages".</param>
/// <param name="Page">The current page, from 1.</param>
/// <param name="PageCount">The number of pages, at least 1.</param>
/// <param name="UrlOf">The address of a page.</param>
public sealed record Pager(string Label, int Page, int PageCount, Func<int, string?> UrlOf)
{
    /// <summary>Pages shown on each side of the current one.</summary>
    public const int Around = 2;

    public string PreviousText { get; init; } = "Previous";

    public string NextText { get; init; } = "Next";

    /// <summary>The page numbers to link, in order, with null where pages are left out.</summary>
    public IReadOnlyList<int?> Pages()
    {
        var shown = new SortedSet<int> { 1, PageCount };
        for (var p = Math.Max(1, Page - Around); p <= Math.Min(PageCount, Page + Around); p++)
        {
            shown.Add(p);
        }

        var pages = new List<int?>();
        var previous = 0;
        foreach (var p in shown)
        {
            if (p - previous == 2)
            {
                // One page left out: its link takes no more room than the gap would.
                pages.Add(p - 1);
            }
            else if (p - previous > 2)
            {
                pages.Add(null);
            }

            pages.Add(p);
            previous = p;
        }

        return pages;
    }
}
