using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.Web.Tests.Support;

namespace NPCS.Reviews.Web.Tests;

public class DebriefPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string ScheduleForm = "form[action*='handler=Schedule']";
    private const string Place = "Family Services, room 3";

    private static Dictionary<string, string[]> ValidSchedule() => new()
    {
        ["Schedule.Date"] = [Forms.Iso(Forms.Today.AddDays(3))],
        ["Schedule.StartTime"] = ["13:30"],
        ["Schedule.Location"] = [Place],
    };

    private Task<int> SessionCountAsync(int id) =>
        app.QueryDbAsync(db => db.DebriefSessions.IgnoreQueryFilters().CountAsync(s => s.ReviewId == id));

    /// <summary>The facilitator schedules a session through the overview's form; returns the session page it lands on.</summary>
    private async Task<(AppClient Client, int Id, string SessionUrl)> ScheduledAsync()
    {
        var id = await app.ReviewAtAsync(ReviewStage.Debrief);
        var client = await app.SignInAsync("facilitator@demo.local");
        var overview = await client.GetPageAsync($"/Reviews/{id}/Debrief");
        var response = await client.SubmitAsync(overview, ScheduleForm, ValidSchedule());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith($"/Reviews/{id}/Debrief/Sessions/", location, StringComparison.Ordinal);
        return (client, id, location);
    }

    /// <summary>Adds someone from outside the agency through the session page's form; the page redirects back to itself.</summary>
    private static async Task AddOutsideAsync(AppClient client, string sessionUrl, string name, string role, string agency)
    {
        var session = await client.GetPageAsync(sessionUrl);
        var response = await client.SubmitAsync(session, "form.add-outside", new()
        {
            ["Outside.Name"] = [name],
            ["Outside.Role"] = [role],
            ["Outside.Agency"] = [agency],
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Should_schedule_a_session_through_the_form_and_show_it_on_its_page_and_the_overview()
    {
        var (client, id, sessionUrl) = await ScheduledAsync();

        var session = await client.GetPageAsync(sessionUrl);
        Assert.Contains("Session scheduled", session.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
        Assert.Contains(Place, session.QuerySelector("main dl")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("Frances Facilitator", session.QuerySelector("main dl")?.TextContent, StringComparison.Ordinal);
        var live = session.QuerySelectorAll("a").Single(a => a.TextContent.Contains("Run this session (live facilitation)", StringComparison.Ordinal));
        Assert.Equal($"{sessionUrl}/Live", live.GetAttribute("href"));

        var overview = await client.GetPageAsync($"/Reviews/{id}/Debrief");
        var row = overview.QuerySelector(".sessions-table tbody tr")!;
        Assert.Contains(Forms.Today.AddDays(3).ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture), row.TextContent, StringComparison.Ordinal);
        Assert.Contains("13:30", row.TextContent, StringComparison.Ordinal);
        Assert.Contains(Place, row.TextContent, StringComparison.Ordinal);
        Assert.Equal(sessionUrl, row.QuerySelector("th a")?.GetAttribute("href"));
        Assert.NotNull(overview.QuerySelector($"a[href='/Reviews/{id}/Debrief/DecisionPoints']"));
        var stored = await app.QueryDbAsync(db => db.DebriefSessions.IgnoreQueryFilters().SingleAsync(s => s.ReviewId == id));
        Assert.Equal(new TimeOnly(13, 30), stored.StartTime);
    }

    [Fact]
    public async Task Should_show_a_missing_place_beside_its_field_keep_the_typed_input_and_save_nothing()
    {
        var id = await app.ReviewAtAsync(ReviewStage.Debrief);
        using var client = await app.SignInAsync("facilitator@demo.local");
        var overview = await client.GetPageAsync($"/Reviews/{id}/Debrief");

        var response = await client.SubmitAsync(overview, ScheduleForm, ValidSchedule().With("Schedule.Location", ""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.Equal("Enter the place or the video link.", page.FieldError("Schedule.Location"));
        Assert.Equal("true", page.QuerySelector("#Schedule_Location")?.GetAttribute("aria-invalid"));
        Assert.Equal(Forms.Iso(Forms.Today.AddDays(3)), page.InputValue("Schedule.Date"));
        Assert.Equal("13:30", page.InputValue("Schedule.StartTime"));
        Assert.Equal(0, await SessionCountAsync(id));
    }

    [Fact]
    public async Task Should_refuse_a_session_before_the_incident_beside_the_date()
    {
        var id = await app.ReviewAtAsync(ReviewStage.Debrief);
        var incident = await app.QueryDbAsync(db => db.Reviews.IgnoreQueryFilters().Where(r => r.Id == id).Select(r => r.IncidentDate).SingleAsync());
        using var client = await app.SignInAsync("facilitator@demo.local");
        var overview = await client.GetPageAsync($"/Reviews/{id}/Debrief");

        var response = await client.SubmitAsync(overview, ScheduleForm, ValidSchedule().With("Schedule.Date", Forms.Iso(incident.AddDays(-1))));

        var page = await AppClient.ParseAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("A debrief session cannot be before the incident.", page.FieldError("Schedule.Date"));
        Assert.Equal(Forms.Iso(incident.AddDays(-1)), page.InputValue("Schedule.Date"));
        Assert.Equal(Place, page.InputValue("Schedule.Location"));
        Assert.Equal(0, await SessionCountAsync(id));
    }

    [Fact]
    public async Task Should_answer_garbage_in_the_schedule_form_with_messages_not_an_error_page()
    {
        var id = await app.ReviewAtAsync(ReviewStage.Debrief);
        using var client = await app.SignInAsync("facilitator@demo.local");
        var overview = await client.GetPageAsync($"/Reviews/{id}/Debrief");

        var response = await client.SubmitAsync(overview, ScheduleForm, ValidSchedule()
            .With("Schedule.Date", "not-a-date")
            .With("Schedule.StartTime", "25:99")
            .With("Schedule.FacilitatorId", "someone-else"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.NotEmpty(page.FieldError("Schedule.Date"));
        Assert.NotEmpty(page.FieldError("Schedule.StartTime"));
        Assert.Equal("Choose a facilitator from the list.", page.FieldError("Schedule.FacilitatorId"));
        Assert.Equal("not-a-date", page.InputValue("Schedule.Date"));
        Assert.Equal(0, await SessionCountAsync(id));
    }

    [Fact]
    public async Task Should_add_staff_and_outside_participants_through_the_session_page()
    {
        var (client, _, sessionUrl) = await ScheduledAsync();
        var session = await client.GetPageAsync(sessionUrl);
        var caseworker = session.QuerySelectorAll("#Staff_UserId option").Single(o => o.TextContent == "Casey Caseworker").GetAttribute("value")!;

        var staff = await client.SubmitAsync(session, "form.add-staff", new() { ["Staff.UserId"] = [caseworker], ["Staff.Role"] = ["Investigator"] });
        Assert.Equal(HttpStatusCode.Redirect, staff.StatusCode);
        await AddOutsideAsync(client, sessionUrl, "Det. Ray Ortiz", "Detective", "LawEnforcement");

        session = await client.GetPageAsync(sessionUrl);
        var rows = session.QuerySelectorAll(".participants-table tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("Casey Caseworker (staff)", rows[0], StringComparison.Ordinal);
        Assert.Contains("Investigator", rows[0], StringComparison.Ordinal);
        Assert.Contains("Det. Ray Ortiz", rows[1], StringComparison.Ordinal);
        Assert.Contains("Law enforcement", rows[1], StringComparison.Ordinal);
        Assert.DoesNotContain(session.QuerySelectorAll("#Staff_UserId option"), o => o.TextContent == "Casey Caseworker");
    }

    [Fact]
    public async Task Should_show_a_participant_form_error_beside_its_field()
    {
        var (client, _, sessionUrl) = await ScheduledAsync();
        var session = await client.GetPageAsync(sessionUrl);

        var response = await client.SubmitAsync(session, "form.add-outside", new()
        {
            ["Outside.Name"] = ["Det. Ray Ortiz"],
            ["Outside.Role"] = [""],
            ["Outside.Agency"] = ["NotAnAgency"],
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.Equal("Enter their role in the case, for example Investigator.", page.FieldError("Outside.Role"));
        Assert.NotEmpty(page.FieldError("Outside.Agency"));
        Assert.Equal("Det. Ray Ortiz", page.InputValue("Outside.Name"));
        Assert.Empty(page.QuerySelectorAll(".participants-table tbody tr"));
    }

    [Fact]
    public async Task Should_show_a_caseworker_outside_the_team_the_date_but_not_the_place_or_the_participants()
    {
        var (facilitator, id, sessionUrl) = await ScheduledAsync();
        await AddOutsideAsync(facilitator, sessionUrl, "Dr. Maya Lee", "ER physician", "Hospital");
        using var caseworker = await app.SignInAsync("caseworker@demo.local");

        var overview = await caseworker.GetPageAsync($"/Reviews/{id}/Debrief");

        var html = overview.DocumentElement.OuterHtml;
        Assert.Contains(Forms.Today.AddDays(3).ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture), html, StringComparison.Ordinal);
        Assert.Contains("13:30", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Place, html, StringComparison.Ordinal);
        Assert.DoesNotContain("Dr. Maya Lee", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Frances Facilitator", html, StringComparison.Ordinal);
        Assert.Null(overview.QuerySelector($"a[href='{sessionUrl}']"));
        Assert.Null(overview.QuerySelector(ScheduleForm));
        Assert.Contains("confidential to the review team", overview.QuerySelector(".confidential-note")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await caseworker.Http.GetAsync(new Uri(sessionUrl, UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Should_not_find_the_debrief_for_another_county()
    {
        var (_, id, sessionUrl) = await ScheduledAsync();
        using var other = await app.SignInAsync("other.caseworker@demo.local");

        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync(new Uri($"/Reviews/{id}/Debrief", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync(new Uri(sessionUrl, UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Should_show_why_the_debrief_cannot_be_completed_yet()
    {
        var (client, id, _) = await ScheduledAsync();
        var overview = await client.GetPageAsync($"/Reviews/{id}/Debrief");

        var response = await client.SubmitAsync(overview, "form.complete-debrief");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.Equal(
            "The debrief cannot be completed yet. It needs at least one session marked as held, with its ground rules recorded and at least one decision point.",
            page.QuerySelector(".validation-summary-errors li")?.TextContent.Trim());
        Assert.Equal(ReviewStage.Debrief, await app.QueryDbAsync(db => db.Reviews.IgnoreQueryFilters().Where(r => r.Id == id).Select(r => r.Stage).SingleAsync()));
    }

    [Fact]
    public async Task Should_explain_that_sessions_wait_for_the_intake()
    {
        var id = await app.ReviewAtAsync(ReviewStage.Intake);
        using var client = await app.SignInAsync("facilitator@demo.local");

        var overview = await client.GetPageAsync($"/Reviews/{id}/Debrief");

        Assert.Contains("Debrief sessions can be scheduled once the intake is complete.", overview.Body!.TextContent, StringComparison.Ordinal);
        Assert.Null(overview.QuerySelector(ScheduleForm));
        Assert.Null(overview.QuerySelector("form.complete-debrief"));
    }

    [Fact]
    public async Task Should_reschedule_and_cancel_a_session_through_its_page()
    {
        var (client, id, sessionUrl) = await ScheduledAsync();
        var session = await client.GetPageAsync(sessionUrl);
        Assert.Equal(Place, session.InputValue("Reschedule.Location"));

        var moved = await client.SubmitAsync(session, "form.reschedule", new() { ["Reschedule.Location"] = ["https://video.example.org/room/7"] });
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);

        session = await client.GetPageAsync(sessionUrl);
        Assert.Contains("https://video.example.org/room/7", session.QuerySelector("main dl")?.TextContent, StringComparison.Ordinal);
        var noReason = await client.SubmitAsync(session, "form.cancel-session", new() { ["Cancel.Reason"] = ["  "] });
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Equal("Enter the reason for cancelling the session.", (await AppClient.ParseAsync(noReason)).FieldError("Cancel.Reason"));

        var cancelled = await client.SubmitAsync(session, "form.cancel-session", new() { ["Cancel.Reason"] = ["The detective is in court that day."] });
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        session = await client.GetPageAsync(sessionUrl);
        Assert.Contains("Cancelled", session.QuerySelector("main dl")?.TextContent, StringComparison.Ordinal);
        Assert.Null(session.QuerySelector("form.reschedule"));
        Assert.Null(session.QuerySelector("form.add-staff"));
        Assert.DoesNotContain(session.QuerySelectorAll("a"), a => a.TextContent.Contains("live facilitation", StringComparison.Ordinal));
        var stored = await app.QueryDbAsync(db => db.DebriefSessions.IgnoreQueryFilters().SingleAsync(s => s.ReviewId == id));
        Assert.Equal(SessionStatus.Cancelled, stored.Status);
        Assert.Equal("https://video.example.org/room/7", stored.Location);
    }

    [Fact]
    public async Task Should_report_a_reschedule_from_a_page_that_is_out_of_date()
    {
        var (client, id, sessionUrl) = await ScheduledAsync();
        var stale = await client.GetPageAsync(sessionUrl);
        var first = await client.SubmitAsync(stale, "form.reschedule", new() { ["Reschedule.Location"] = ["Room 1"] });
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);

        var late = await client.SubmitAsync(stale, "form.reschedule", new() { ["Reschedule.Location"] = ["Room 2"] });

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        var page = await AppClient.ParseAsync(late);
        Assert.Contains("Someone else changed this record", page.QuerySelector(".validation-summary-errors")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("Room 2", page.InputValue("Reschedule.Location"));
        Assert.Equal("Room 1", await app.QueryDbAsync(db => db.DebriefSessions.IgnoreQueryFilters().Where(s => s.ReviewId == id).Select(s => s.Location).SingleAsync()));
    }

    [Fact]
    public async Task Should_remove_a_participant_through_the_session_page()
    {
        var (client, _, sessionUrl) = await ScheduledAsync();
        await AddOutsideAsync(client, sessionUrl, "Ms. Jo Park", "School nurse", "School");
        var session = await client.GetPageAsync(sessionUrl);

        var removed = await client.SubmitAsync(session, "form.remove-participant");

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        session = await client.GetPageAsync(sessionUrl);
        Assert.Empty(session.QuerySelectorAll(".participants-table tbody tr"));
    }

    [Fact]
    public async Task Should_complete_the_debrief_and_return_to_the_overview_with_a_message()
    {
        var (client, id, sessionUrl) = await ScheduledAsync();
        await AddOutsideAsync(client, sessionUrl, "Dr. Maya Lee", "ER physician", "Hospital");

        // Ground rules, held and decision points belong to the live facilitation page (built separately):
        // here they are recorded through the domain, as that page will.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReviewsDbContext>();
            var review = await db.Reviews.IgnoreQueryFilters().SingleAsync(r => r.Id == id);
            var held = await db.DebriefSessions.IgnoreQueryFilters().SingleAsync(s => s.ReviewId == id);
            review.RecordGroundRules(held, [held.Participants[0].Id], review.AssignedFacilitatorId!, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
            review.MarkSessionHeld(held);
            db.DecisionPoints.Add(review.AddDecisionPoint(
                held,
                new DecisionDetails(review.IncidentDate.AddDays(-10), null, DeciderRole.Investigator, "Closed the assessment", null, null, null, Pressure.Time, null),
                null,
                DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        var overview = await client.GetPageAsync($"/Reviews/{id}/Debrief");
        var response = await client.SubmitAsync(overview, "form.complete-debrief");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/Reviews/{id}", response.Headers.Location?.OriginalString);
        var page = await client.GetPageAsync($"/Reviews/{id}");
        Assert.Contains("Debrief completed", page.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(ReviewStage.Findings, await app.QueryDbAsync(db => db.Reviews.IgnoreQueryFilters().Where(r => r.Id == id).Select(r => r.Stage).SingleAsync()));
    }

    public static TheoryData<string, string> HostilePosts => new()
    {
        { "Reschedule", "Reschedule.Version=garbage&Reschedule.Date=2026-02-30&Reschedule.StartTime=noon&Reschedule.FacilitatorId=x" },
        { "Cancel", "Cancel.Version=&Cancel.Reason=" + new string('x', 5000) },
        { "AddStaff", "Staff.Version=1&Staff.UserId=' OR 1=1 --&Staff.Role=" },
        { "AddOutside", "Outside.Agency=999&Outside.Name=&Outside.Role=x&Outside.Agency=2" },
        { "Remove", "participantId=abc&version=xyz" },
        { "Nothing", "a=b" },
    };

    [Theory]
    [MemberData(nameof(HostilePosts))]
    public async Task Should_answer_hand_made_posts_to_the_session_page_without_a_server_error(string handler, string body)
    {
        var (client, id, sessionUrl) = await ScheduledAsync();
        var page = await client.GetPageAsync(sessionUrl);
        var token = page.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value");
        using var content = new StringContent($"{body}&__RequestVerificationToken={Uri.EscapeDataString(token!)}", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");

        var response = await client.Http.PostAsync(new Uri($"{sessionUrl}?handler={handler}", UriKind.Relative), content);

        // 200 with messages, or 404 for a handler the page does not have; never a 500, and never a 400 that would
        // mean the antiforgery check stopped the post before the page saw it.
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{handler} answered {(int)response.StatusCode}.");
        var stored = await app.QueryDbAsync(db => db.DebriefSessions.IgnoreQueryFilters().SingleAsync(s => s.ReviewId == id));
        Assert.Equal(SessionStatus.Scheduled, stored.Status);
        Assert.Equal(Place, stored.Location);
        Assert.Empty(stored.Participants);
    }
}
