using AngleSharp.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.TestSupport;
using NPCS.Reviews.Web.Tests.Support;

namespace NPCS.Reviews.Web.Tests;

public class MyWorkPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static string? Section(IDocument page, string heading) =>
        page.QuerySelectorAll("section").FirstOrDefault(s => s.QuerySelector("h3")?.TextContent.Trim() == heading)?.InnerHtml;

    [Fact]
    public async Task Should_show_a_caseworker_their_reviews_at_intake_only()
    {
        var id = await app.ReviewAtAsync(ReviewStage.Intake);
        using var client = await app.SignInAsync("caseworker@demo.local");

        var home = await client.GetPageAsync("/");

        Assert.Equal("My work", home.QuerySelector("h2")?.TextContent.Trim());
        Assert.Contains($"href=\"/Reviews/{id}\"", Section(home, "Your reviews still at intake"), StringComparison.Ordinal);
        Assert.Null(Section(home, "Reviews awaiting your approval"));
        Assert.Null(Section(home, "Reviews you facilitate"));
        Assert.NotNull(home.QuerySelector("a[href='/Reviews/New']"));
    }

    [Fact]
    public async Task Should_show_a_facilitator_their_reviews_by_stage_and_upcoming_sessions()
    {
        var id = await app.ReviewAtAsync(ReviewStage.Debrief);
        LiveSessionScene scene;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scene = await LiveSessionScene.ScheduleAsync(
                scope.ServiceProvider.GetRequiredService<ReviewsDbContext>(),
                scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(),
                id,
                TimeProvider.System.GetUtcNow());
        }

        using var client = await app.SignInAsync("facilitator@demo.local");
        var home = await client.GetPageAsync("/");

        var reviews = Section(home, "Reviews you facilitate");
        Assert.Contains("Debrief", reviews, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Reviews/{id}\"", reviews, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Reviews/{id}/Debrief/Sessions/{scene.SessionId}\"", Section(home, "Your upcoming debrief sessions"), StringComparison.Ordinal);
        Assert.Null(Section(home, "Overdue actions"));
    }

    [Fact]
    public async Task Should_show_a_supervisor_the_reviews_awaiting_approval_late_reviews_and_overdue_actions()
    {
        var id = await app.ReviewAtAsync(ReviewStage.Approval);
        var number = await app.QueryDbAsync(db => db.Reviews.IgnoreQueryFilters().Where(r => r.Id == id).Select(r => r.Number).SingleAsync());
        using var client = await app.SignInAsync("supervisor@demo.local");

        var home = await client.GetPageAsync("/");

        Assert.Contains(number, Section(home, "Reviews awaiting your approval"), StringComparison.Ordinal);
        Assert.NotNull(Section(home, "Reviews past due"));
        Assert.Contains("No action is overdue.", Section(home, "Overdue actions"), StringComparison.Ordinal);
        Assert.Null(Section(home, "Your reviews still at intake"));
    }

    [Fact]
    public async Task Should_point_an_administrator_to_users_catalog_and_actions()
    {
        using var client = await app.SignInAsync("admin@demo.local");

        var home = await client.GetPageAsync("/");

        Assert.Null(home.QuerySelectorAll("h2").FirstOrDefault(h => h.TextContent.Trim() == "My work"));
        var admin = home.QuerySelector("section[aria-labelledby='admin-heading']")!;
        Assert.NotNull(admin.QuerySelector("a[href='/Admin/Users']"));
        Assert.NotNull(admin.QuerySelector("a[href='/Admin/Catalog']"));
        Assert.NotNull(admin.QuerySelector("a[href='/Actions']"));
        Assert.NotNull(home.QuerySelector("nav a[href='/Actions']"));
    }
}
