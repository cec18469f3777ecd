using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.TestSupport;
using NPCS.Reviews.Web.Tests.Support;

namespace NPCS.Reviews.Web.Tests;

public class LiveSessionPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<LiveSessionScene> SessionAsync(bool withCaseworker = true, bool groundRules = false)
    {
        var id = await app.ReviewAtAsync(ReviewStage.Debrief);
        await using var scope = app.Services.CreateAsyncScope();
        return await LiveSessionScene.ScheduleAsync(
            scope.ServiceProvider.GetRequiredService<ReviewsDbContext>(),
            scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(),
            id,
            TimeProvider.System.GetUtcNow(),
            withCaseworker,
            groundRules);
    }

    private static string LivePath(LiveSessionScene scene) => $"/Reviews/{scene.ReviewId}/Debrief/Sessions/{scene.SessionId}/Live";

    private Task<List<DecisionPoint>> PointsAsync(int reviewId) =>
        app.QueryDbAsync(db => db.DecisionPoints.IgnoreQueryFilters().Where(p => p.ReviewId == reviewId).OrderBy(p => p.Id).ToListAsync());

    private static Dictionary<string, string[]> Point(string decision, DateOnly date) => new()
    {
        ["Capture.Date"] = [Forms.Iso(date)],
        ["Capture.Role"] = ["Investigator"],
        ["Capture.Decision"] = [decision],
        ["Capture.Pressures"] = ["Workload", "Time"],
    };

    [Fact]
    public async Task Should_record_the_ground_rules_then_capture_a_decision_point_and_come_back_ready_for_the_next()
    {
        var scene = await SessionAsync();
        using var client = await app.SignInAsync("facilitator@demo.local");
        var live = await client.GetPageAsync(LivePath(scene));
        Assert.StartsWith("Live session: DEMO-", live.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(GroundRules.All, live.QuerySelectorAll(".live-rule-list li").Select(li => li.TextContent.Trim()));
        Assert.Null(live.QuerySelector("form[action*='handler=Capture']"));

        var rules = await client.SubmitAsync(live, "form[action*='handler=GroundRules']", new() { ["Rules.Agreed"] = [scene.StaffParticipantId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)] });

        Assert.Equal(HttpStatusCode.Redirect, rules.StatusCode);
        Assert.Equal(LivePath(scene), rules.Headers.Location!.OriginalString);
        live = await client.GetPageAsync(LivePath(scene));
        Assert.Equal("Ground rules recorded: 1 participant agreed.", live.QuerySelector("[role=status]#live-status")!.TextContent.Trim());
        Assert.Contains("present, agreed to the ground rules", live.QuerySelector(".live-participants")!.TextContent, StringComparison.Ordinal);

        var saved = await client.SubmitAsync(live, "form[action*='handler=Capture']", Point("Closed the assessment", Forms.Today.AddDays(-9)));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(LivePath(scene), saved.Headers.Location!.OriginalString);
        live = await client.GetPageAsync(LivePath(scene));
        Assert.Equal("Decision point 1 saved.", live.QuerySelector("#live-status")!.TextContent.Trim());
        Assert.Contains("Closed the assessment", live.QuerySelector(".live-captured")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("(pressures: Workload, Time)", live.QuerySelector(".live-captured")!.TextContent, StringComparison.Ordinal);

        // Ready for the next one: an empty form whose first field takes focus.
        Assert.True(live.QuerySelector("#Capture_Date")!.HasAttribute("autofocus"));
        Assert.True(string.IsNullOrEmpty(live.InputValue("Capture.Decision")));
        var point = Assert.Single(await PointsAsync(scene.ReviewId));
        Assert.Equal(scene.SessionId, point.SessionId);
        Assert.Equal(Pressure.Workload | Pressure.Time, point.Pressures);

        var second = await client.SubmitAsync(live, "form[action*='handler=Capture']", Point("Referred to parenting support", Forms.Today.AddDays(-5)));
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        live = await client.GetPageAsync(LivePath(scene));
        Assert.Equal("Decision point 2 saved.", live.QuerySelector("#live-status")!.TextContent.Trim());
    }

    [Fact]
    public async Task Should_show_the_message_beside_the_field_and_keep_what_was_typed()
    {
        var scene = await SessionAsync(groundRules: true);
        using var client = await app.SignInAsync("facilitator@demo.local");
        var live = await client.GetPageAsync(LivePath(scene));
        var values = Point("Decided not to visit again", Forms.Today.AddDays(3));
        values["Capture.Cues"] = ["The school reported no concerns."];

        var response = await client.SubmitAsync(live, "form[action*='handler=Capture']", values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.Equal("The date of the decision cannot be in the future.", page.FieldError("Capture.Date"));
        Assert.Equal("true", page.QuerySelector("#Capture_Date")!.GetAttribute("aria-invalid"));
        Assert.Contains("Capture_Date-error", page.QuerySelector("#Capture_Date")!.GetAttribute("aria-describedby"), StringComparison.Ordinal);
        Assert.Equal(Forms.Iso(Forms.Today.AddDays(3)), page.InputValue("Capture.Date"));
        Assert.Equal("Decided not to visit again", page.InputValue("Capture.Decision"));
        Assert.Equal("The school reported no concerns.", page.QuerySelector("#Capture_Cues")!.TextContent);
        Assert.Equal("Investigator", page.QuerySelector("#Capture_Role option[selected]")!.GetAttribute("value"));
        Assert.True(page.QuerySelector("#Capture_Pressures_Workload")!.HasAttribute("checked"));
        Assert.Empty(await PointsAsync(scene.ReviewId));
    }

    [Theory]
    [InlineData("Capture.Pressures", "Bogus")]
    [InlineData("Capture.Role", "Chief of everything")]
    [InlineData("Capture.ChronologyEntryId", "not-a-number")]
    [InlineData("Capture.Date", "31/31/2026")]
    public async Task Should_answer_a_hand_made_post_with_unreadable_values_without_saving_it(string field, string garbage)
    {
        var scene = await SessionAsync(groundRules: true);
        using var client = await app.SignInAsync("facilitator@demo.local");
        var live = await client.GetPageAsync(LivePath(scene));

        var response = await client.SubmitAsync(live, "form[action*='handler=Capture']", Point("Kept the case open", Forms.Today.AddDays(-2)).With(field, garbage));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.NotEmpty(page.FieldError(field));
        Assert.Equal("Kept the case open", page.InputValue("Capture.Decision"));
        Assert.Empty(await PointsAsync(scene.ReviewId));
    }

    [Fact]
    public async Task Should_refuse_ground_rules_with_no_one_ticked_beside_the_list()
    {
        var scene = await SessionAsync();
        using var client = await app.SignInAsync("facilitator@demo.local");
        var live = await client.GetPageAsync(LivePath(scene));

        var response = await client.SubmitAsync(live, "form[action*='handler=GroundRules']");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.Equal("Tick everyone who is present and agreed to the ground rules: at least one participant.", page.FieldError("Rules.Agreed"));
        var garbage = await client.SubmitAsync(page, "form[action*='handler=GroundRules']", new() { ["Rules.Agreed"] = ["everyone"] });
        Assert.Equal(HttpStatusCode.OK, garbage.StatusCode);
        Assert.False((await app.QueryDbAsync(db => db.DebriefSessions.IgnoreQueryFilters().SingleAsync(s => s.Id == scene.SessionId))).GroundRulesRecorded);
    }

    [Fact]
    public async Task Should_save_the_notes_and_mark_the_session_held()
    {
        var scene = await SessionAsync(groundRules: true);
        using var client = await app.SignInAsync("facilitator@demo.local");
        var live = await client.GetPageAsync(LivePath(scene));

        var notes = await client.SubmitAsync(live, "form[action*='handler=Notes']", new() { ["Notes.Notes"] = ["Walked the timeline from the first report."] });

        Assert.Equal(HttpStatusCode.Redirect, notes.StatusCode);
        Assert.Equal(LivePath(scene) + "#notes", notes.Headers.Location!.OriginalString);
        live = await client.GetPageAsync(LivePath(scene));
        Assert.Equal("Notes saved.", live.QuerySelector("#live-status")!.TextContent.Trim());
        Assert.Equal("Walked the timeline from the first report.", live.QuerySelector("#Notes_Notes")!.TextContent);

        var held = await client.SubmitAsync(live, "form[action*='handler=Held']");

        Assert.Equal(HttpStatusCode.Redirect, held.StatusCode);
        var session = await app.QueryDbAsync(db => db.DebriefSessions.IgnoreQueryFilters().SingleAsync(s => s.Id == scene.SessionId));
        Assert.Equal(SessionStatus.Held, session.Status);
        Assert.Equal("Walked the timeline from the first report.", session.Notes);
    }

    [Fact]
    public async Task Should_say_why_a_session_cannot_be_marked_held_before_its_ground_rules()
    {
        var scene = await SessionAsync();
        using var client = await app.SignInAsync("facilitator@demo.local");
        var live = await client.GetPageAsync(LivePath(scene));

        var response = await client.SubmitAsync(live, "form[action*='handler=Held']");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.StartsWith("Record that the ground rules were read", page.QuerySelector("[role=alert]")!.TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_list_edit_and_delete_decision_points()
    {
        var scene = await SessionAsync(groundRules: true);
        using var client = await app.SignInAsync("facilitator@demo.local");
        var live = await client.GetPageAsync(LivePath(scene));
        await client.SubmitAsync(live, "form[action*='handler=Capture']", Point("Screened in for assessment", Forms.Today.AddDays(-30)));
        var point = Assert.Single(await PointsAsync(scene.ReviewId));
        var listPath = $"/Reviews/{scene.ReviewId}/Debrief/DecisionPoints";

        var edit = await client.GetPageAsync($"{listPath}/{point.Id}/Edit");
        Assert.Equal("Screened in for assessment", edit.InputValue("Data.Decision"));
        var saved = await client.SubmitAsync(edit, "main form", new() { ["Data.Decision"] = ["Screened in, response within 24 hours"], ["Data.Role"] = ["HotlineScreener"] });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var list = await client.GetPageAsync(listPath);
        var item = list.QuerySelector($"#point-{point.Id}")!;
        Assert.Contains("Hotline or intake screener", item.QuerySelector("h2")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Screened in, response within 24 hours", item.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Casey Caseworker", list.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        var deleted = await client.SubmitAsync(list, $"#point-{point.Id} form[action*='handler=Delete']");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Empty(await PointsAsync(scene.ReviewId));
    }

    [Fact]
    public async Task Should_refuse_the_live_page_and_the_decision_points_to_a_caseworker_who_is_not_on_the_team()
    {
        var scene = await SessionAsync(withCaseworker: false);
        using var client = await app.SignInAsync("caseworker@demo.local");

        var live = await client.Http.GetAsync(new Uri(LivePath(scene), UriKind.Relative));
        var points = await client.Http.GetAsync(new Uri($"/Reviews/{scene.ReviewId}/Debrief/DecisionPoints", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, live.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, points.StatusCode);
    }

    [Fact]
    public async Task Should_not_find_a_session_of_another_jurisdiction()
    {
        var scene = await SessionAsync();
        using var client = await app.SignInAsync("other.caseworker@demo.local");

        var live = await client.Http.GetAsync(new Uri(LivePath(scene), UriKind.Relative));
        var points = await client.Http.GetAsync(new Uri($"/Reviews/{scene.ReviewId}/Debrief/DecisionPoints", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, live.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, points.StatusCode);
    }
}
