using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.Web.Tests.Support;

namespace NPCS.Reviews.Web.Tests;

public class ReportPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Should_show_every_section_of_an_approved_review_as_a_document()
    {
        var id = await app.ReviewAtAsync(ReviewStage.Approved);
        using var client = await app.SignInAsync("facilitator@demo.local");

        var page = await client.GetPageAsync($"/Reviews/{id}/Report");

        var headings = page.QuerySelectorAll(".report h2").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(
            ["1. The incident", "2. Chronology", "3. Family needs", "4. Debrief", "5. Findings and actions", "6. Approval"],
            headings.Skip(1));
        Assert.StartsWith("Review DEMO-", headings[0], StringComparison.Ordinal);
        Assert.Contains("Decision points", page.QuerySelector("section[aria-labelledby='sum-debrief']")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("Sam Supervisor", page.QuerySelector("section[aria-labelledby='sum-approval']")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("Confidential: contains information about children and families", page.QuerySelector(".report-footer")?.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("button[data-print]"));
    }
}
