using System.Net;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.Web.Tests.Support;

namespace NPCS.Reviews.Web.Tests;

public class ReopenAndHistoryPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string ReopenForm = "form[action*='Reopen']";

    [Fact]
    public async Task Should_let_a_supervisor_reopen_the_intake_and_show_it_in_the_history()
    {
        var id = await app.ReviewAtAsync(ReviewStage.Debrief);
        using var client = await app.SignInAsync("supervisor@demo.local");
        var overview = await client.GetPageAsync($"/Reviews/{id}");

        var response = await client.SubmitAsync(overview, ReopenForm, new()
        {
            ["Reopen.Step"] = ["Intake"],
            ["Reopen.Reason"] = ["The notification date was wrong."],
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stage = await app.QueryDbAsync(db => db.Reviews.IgnoreQueryFilters().Where(r => r.Id == id).Select(r => r.Stage).SingleAsync());
        Assert.Equal(ReviewStage.Intake, stage);
        var page = await client.GetPageAsync($"/Reviews/{id}");
        Assert.Contains("The notification date was wrong.", page.QuerySelector("#status-heading")!.ParentElement!.TextContent, StringComparison.Ordinal);

        var history = await client.GetPageAsync($"/Reviews/{id}/History");
        var first = history.QuerySelector("tbody tr")!;
        Assert.Contains("Sam Supervisor", first.TextContent, StringComparison.Ordinal);
        Assert.Contains("Intake reopened: The notification date was wrong.", first.TextContent, StringComparison.Ordinal);
        Assert.Contains(history.QuerySelectorAll("tbody td"), td => td.TextContent == "Family-needs analysis completed");
    }

    [Fact]
    public async Task Should_show_the_message_beside_the_reason_and_keep_the_review_where_it_was()
    {
        var id = await app.ReviewAtAsync(ReviewStage.Debrief);
        using var client = await app.SignInAsync("supervisor@demo.local");
        var overview = await client.GetPageAsync($"/Reviews/{id}");

        var response = await client.SubmitAsync(overview, ReopenForm, new() { ["Reopen.Step"] = ["FamilyNeeds"], ["Reopen.Reason"] = [" "] });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.Equal("Give the reason for reopening.", page.FieldError("Reopen.Reason"));
        Assert.Equal("FamilyNeeds", page.QuerySelector("#Reopen_Step option[selected]")?.GetAttribute("value"));
        var stage = await app.QueryDbAsync(db => db.Reviews.IgnoreQueryFilters().Where(r => r.Id == id).Select(r => r.Stage).SingleAsync());
        Assert.Equal(ReviewStage.Debrief, stage);
    }

    [Theory]
    [InlineData("caseworker@demo.local")]
    [InlineData("facilitator@demo.local")]
    public async Task Should_offer_reopening_to_supervisors_only_and_refuse_a_hand_made_post(string email)
    {
        var id = await app.ReviewAtAsync(ReviewStage.Debrief);
        using var supervisor = await app.SignInAsync("supervisor@demo.local");
        var supervisorView = await supervisor.GetPageAsync($"/Reviews/{id}");
        using var client = await app.SignInAsync(email);

        var page = await client.GetPageAsync($"/Reviews/{id}");
        Assert.Null(page.QuerySelector(ReopenForm));

        // The supervisor's form, posted with this user's cookie and antiforgery token.
        var token = page.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var response = await client.SubmitAsync(supervisorView, ReopenForm, new()
        {
            ["Reopen.Step"] = ["Intake"],
            ["Reopen.Reason"] = ["Trying."],
            ["__RequestVerificationToken"] = [token],
        });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Should_hide_another_jurisdictions_history()
    {
        var id = await app.ReviewAtAsync(ReviewStage.FamilyNeeds);
        using var client = await app.SignInAsync("other.caseworker@demo.local");

        var response = await client.Http.GetAsync(new Uri($"/Reviews/{id}/History", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
