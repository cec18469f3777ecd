using NPCS.Reviews.Web.Infrastructure;

namespace NPCS.Reviews.Web.Tests;

/// <summary>The lists' page links: a window around the current page, the first and the last, gaps between.</summary>
public class PagerTests
{
    private static IReadOnlyList<int?> Pages(int page, int count) => new Pager("Pages", page, count, p => $"?p={p}").Pages();

    [Fact]
    public void A_short_list_links_every_page() => Assert.Equal([1, 2, 3, 4, 5], Pages(3, 5));

    [Fact]
    public void A_long_list_links_the_first_the_last_and_the_pages_around_the_current_one()
    {
        Assert.Equal([1, 2, 3, null, 200], Pages(1, 200));
        Assert.Equal([1, null, 98, 99, 100, 101, 102, null, 200], Pages(100, 200));
        Assert.Equal([1, null, 198, 199, 200], Pages(200, 200));
    }

    [Fact]
    public void A_gap_of_one_page_is_that_page_s_link() => Assert.Equal([1, 2, 3, 4, 5, 6, null, 200], Pages(4, 200));

    [Fact]
    public void One_page_is_one_link() => Assert.Equal([1], Pages(1, 1));
}
