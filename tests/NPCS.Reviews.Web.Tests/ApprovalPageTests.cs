using System.Net;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.Web.Tests.Support;

namespace NPCS.Reviews.Web.Tests;

public class ApprovalPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static string Url(int id) => $"/Reviews/{id}/Approval";

    private Task<Review> StoredAsync(int id) => app.QueryDbAsync(db => db.Reviews.IgnoreQueryFilters().SingleAsync(r => r.Id == id));

    [Fact]
    public async Task Should_show_the_comments_error_beside_the_field_and_keep_the_review_waiting()
    {
        var id = await app.ReviewAtAsync(ReviewStage.Approval);
        using var client = await app.SignInAsync("supervisor@demo.local");
        var page = await client.GetPageAsync(Url(id));
        Assert.NotNull(page.QuerySelector("h2#sum-findings"));

        var response = await client.SubmitAsync(page, "form#return-form", new() { ["Return.Comments"] = ["   "] });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var again = await AppClient.ParseAsync(response);
        Assert.Equal("true", again.QuerySelector("#Return_Comments")?.GetAttribute("aria-invalid"));
        Assert.Contains("Tell the facilitator what to change", again.QuerySelector("#Return_Comments-error")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(ReviewStage.Approval, (await StoredAsync(id)).Stage);
    }

    [Fact]
    public async Task Should_return_the_review_with_comments_and_show_them_on_the_overview()
    {
        var id = await app.ReviewAtAsync(ReviewStage.Approval);
        using var client = await app.SignInAsync("supervisor@demo.local");
        var page = await client.GetPageAsync(Url(id));

        var response = await client.SubmitAsync(page, "form#return-form", new() { ["Return.Comments"] = ["Say who owns the second action."] });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/Reviews/{id}", response.Headers.Location?.OriginalString);
        var stored = await StoredAsync(id);
        Assert.Equal(ReviewStage.Findings, stored.Stage);
        Assert.Equal("Say who owns the second action.", stored.ReturnComments);
        var report = await client.GetPageAsync($"/Reviews/{id}/Report");
        Assert.Contains("Say who owns the second action.", report.QuerySelector("section[aria-labelledby='sum-approval']")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_approve_with_the_confirmation_button_and_lock_the_review()
    {
        var id = await app.ReviewAtAsync(ReviewStage.Approval);
        using var client = await app.SignInAsync("supervisor@demo.local");
        var page = await client.GetPageAsync(Url(id));
        Assert.NotNull(page.QuerySelector("form#approve-form button[data-confirm]"));

        var response = await client.SubmitAsync(page, "form#approve-form");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(ReviewStage.Approved, (await StoredAsync(id)).Stage);
        var after = await client.GetPageAsync(Url(id));
        Assert.NotNull(after.QuerySelector("h2#not-waiting-heading"));
        Assert.Null(after.QuerySelector("form#approve-form"));
    }

    [Fact]
    public async Task Should_forbid_the_page_to_a_caseworker_and_hide_it_from_another_jurisdiction()
    {
        var id = await app.ReviewAtAsync(ReviewStage.Approval);
        using var caseworker = await app.SignInAsync("caseworker@demo.local");
        Assert.Equal(HttpStatusCode.Forbidden, (await caseworker.Http.GetAsync(new Uri(Url(id), UriKind.Relative))).StatusCode);

        using var other = await app.SignInAsync("other.caseworker@demo.local");
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync(new Uri($"/Reviews/{id}/Report", UriKind.Relative))).StatusCode);
        Assert.Equal(ReviewStage.Approval, (await StoredAsync(id)).Stage);
    }
}
