using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Features.Debrief;
using NPCS.Reviews.Domain;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.Tests.Support;
using NPCS.Reviews.TestSupport;

namespace NPCS.Reviews.Tests.Features.Debrief;

/// <summary>Sets up a session through the domain in the fixture's services, for the debrief handler tests.</summary>
public static class LiveSessionFixture
{
    public static async Task<LiveSessionScene> SessionAsync(this SliceFixture fixture, bool withCaseworker = true, bool groundRules = false)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var id = await fixture.ReviewAtAsync(ReviewStage.Debrief);
        return await fixture.ExecuteScopeAsync(sp => LiveSessionScene.ScheduleAsync(
            sp.GetRequiredService<ReviewsDbContext>(), sp.GetRequiredService<UserManager<ApplicationUser>>(), id, fixture.Time.GetUtcNow(), withCaseworker, groundRules));
    }

    public static Task AddCaseworkerAsync(this SliceFixture fixture, LiveSessionScene scene)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        ArgumentNullException.ThrowIfNull(scene);
        return fixture.ExecuteScopeAsync(sp => LiveSessionScene.AddCaseworkerAsync(
            sp.GetRequiredService<ReviewsDbContext>(), sp.GetRequiredService<UserManager<ApplicationUser>>(), scene.ReviewId, scene.SessionId));
    }

    public static Task<int> AddChronologyEntryAsync(this SliceFixture fixture, int reviewId, DateOnly date, string whatHappened)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        return fixture.ExecuteScopeAsync(sp => LiveSessionScene.AddChronologyEntryAsync(sp.GetRequiredService<ReviewsDbContext>(), reviewId, date, whatHappened));
    }

    public static Task<DebriefSession> LoadSessionAsync(this SliceFixture fixture, int sessionId)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        return fixture.QueryDbAsync(db => db.DebriefSessions.IgnoreQueryFilters().AsNoTracking().SingleAsync(s => s.Id == sessionId));
    }
}

public class LiveSessionTests(SliceFixture fixture) : SliceTest(fixture, Users.Facilitator)
{
    private async Task<Guid> VersionAsync(LiveSessionScene scene) => (await Fixture.LoadSessionAsync(scene.SessionId)).Version;

    private async Task RecordAsync(LiveSessionScene scene, params int[] agreed) =>
        await Fixture.SendAsync(new RecordGroundRules.Command { Id = scene.ReviewId, SessionId = scene.SessionId, Version = await VersionAsync(scene), Agreed = [.. agreed] });

    [Fact]
    public async Task Should_record_the_ground_rules_and_who_agreed()
    {
        var scene = await Fixture.SessionAsync();

        await RecordAsync(scene, scene.StaffParticipantId!.Value);

        var session = await Fixture.LoadSessionAsync(scene.SessionId);
        Assert.True(session.GroundRulesRecorded);
        Assert.True(session.Participants.Single(p => p.Id == scene.StaffParticipantId).AgreedToGroundRules);
        Assert.False(session.Participants.Single(p => p.Id == scene.OutsideParticipantId).AgreedToGroundRules);

        // The live page says when, on the agency's clock.
        var live = await Fixture.SendAsync<GetLiveSession.Result>(new GetLiveSession.Query(scene.ReviewId, scene.SessionId));
        var zone = await Fixture.QueryDbAsync(db => db.Jurisdictions.IgnoreQueryFilters().Where(j => j.Code == "DEMO").Select(j => j.TimeZoneId).SingleAsync());
        Assert.Equal(TimeZoneInfo.ConvertTime(Fixture.Time.Now, TimeZoneInfo.FindSystemTimeZoneById(zone)).DateTime, live.Session.GroundRulesRecordedLocal);
        Assert.Equal([true, false], live.Participants.Select(p => p.Agreed));
    }

    [Fact]
    public async Task Should_record_the_ground_rules_again_when_someone_arrives_late()
    {
        var scene = await Fixture.SessionAsync();
        await RecordAsync(scene, scene.StaffParticipantId!.Value);

        await RecordAsync(scene, scene.StaffParticipantId!.Value, scene.OutsideParticipantId);

        var session = await Fixture.LoadSessionAsync(scene.SessionId);
        Assert.All(session.Participants, p => Assert.True(p.AgreedToGroundRules));
    }

    [Fact]
    public async Task Should_refuse_ground_rules_when_no_participant_is_ticked()
    {
        var scene = await Fixture.SessionAsync();

        var ex = await Assert.ThrowsAsync<ValidationException>(() => RecordAsync(scene));

        Assert.Equal(
            "Tick everyone who is present and agreed to the ground rules: at least one participant.",
            Assert.Single(ex.Errors[nameof(RecordGroundRules.Command.Agreed)]));
        Assert.False((await Fixture.LoadSessionAsync(scene.SessionId)).GroundRulesRecorded);
    }

    [Fact]
    public async Task Should_refuse_ground_rules_for_someone_who_is_not_a_participant()
    {
        var scene = await Fixture.SessionAsync();
        var other = await Fixture.SessionAsync();

        var ex = await Assert.ThrowsAsync<DomainException>(() => RecordAsync(scene, scene.OutsideParticipantId, other.OutsideParticipantId));

        Assert.Equal("Only participants of this session can agree to its ground rules.", ex.Message);
        Assert.False((await Fixture.LoadSessionAsync(scene.SessionId)).GroundRulesRecorded);
    }

    [Fact]
    public async Task Should_refuse_notes_before_the_ground_rules()
    {
        var scene = await Fixture.SessionAsync();

        var ex = await Assert.ThrowsAsync<DomainException>(async () => await Fixture.SendAsync(
            new SaveSessionNotes.Command { Id = scene.ReviewId, SessionId = scene.SessionId, Version = await VersionAsync(scene), Notes = "Started late." }));

        Assert.StartsWith("Record that the ground rules were read", ex.Message, StringComparison.Ordinal);
        Assert.Null((await Fixture.LoadSessionAsync(scene.SessionId)).Notes);
    }

    [Fact]
    public async Task Should_refuse_to_mark_the_session_held_before_the_ground_rules()
    {
        var scene = await Fixture.SessionAsync();

        var ex = await Assert.ThrowsAsync<DomainException>(async () =>
            await Fixture.SendAsync(new MarkSessionHeld.Command(scene.ReviewId, scene.SessionId, await VersionAsync(scene))));

        Assert.StartsWith("Record that the ground rules were read", ex.Message, StringComparison.Ordinal);
        Assert.Equal(SessionStatus.Scheduled, (await Fixture.LoadSessionAsync(scene.SessionId)).Status);
    }

    [Fact]
    public async Task Should_save_notes_and_mark_the_session_held_once_the_ground_rules_are_recorded()
    {
        var scene = await Fixture.SessionAsync(groundRules: true);

        await Fixture.SendAsync(new SaveSessionNotes.Command { Id = scene.ReviewId, SessionId = scene.SessionId, Version = await VersionAsync(scene), Notes = "Walked the timeline." });
        await Fixture.SendAsync(new MarkSessionHeld.Command(scene.ReviewId, scene.SessionId, await VersionAsync(scene)));

        var session = await Fixture.LoadSessionAsync(scene.SessionId);
        Assert.Equal("Walked the timeline.", session.Notes);
        Assert.Equal(SessionStatus.Held, session.Status);
    }

    [Fact]
    public async Task Should_refuse_notes_longer_than_the_limit()
    {
        var scene = await Fixture.SessionAsync(groundRules: true);

        var ex = await Assert.ThrowsAsync<ValidationException>(async () => await Fixture.SendAsync(new SaveSessionNotes.Command
        {
            Id = scene.ReviewId,
            SessionId = scene.SessionId,
            Version = await VersionAsync(scene),
            Notes = new string('x', DebriefSession.NotesMaxLength + 1),
        }));

        Assert.Contains(nameof(SaveSessionNotes.Command.Notes), ex.Errors.Keys);
    }

    [Fact]
    public async Task Should_report_a_stale_version_instead_of_overwriting_the_notes()
    {
        var scene = await Fixture.SessionAsync(groundRules: true);
        var loaded = await VersionAsync(scene);
        await Fixture.SendAsync(new SaveSessionNotes.Command { Id = scene.ReviewId, SessionId = scene.SessionId, Version = loaded, Notes = "First." });

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            Fixture.SendAsync(new SaveSessionNotes.Command { Id = scene.ReviewId, SessionId = scene.SessionId, Version = loaded, Notes = "Second." }));

        Assert.Equal("First.", (await Fixture.LoadSessionAsync(scene.SessionId)).Notes);
    }

    [Fact]
    public async Task Should_show_the_ground_rules_participants_and_the_chronology_in_short_as_the_agenda()
    {
        var scene = await Fixture.SessionAsync();
        var longText = string.Join(' ', Enumerable.Repeat("Home visit with the family and the child present.", 6));
        await Fixture.AddChronologyEntryAsync(scene.ReviewId, Today.AddDays(-20), "Report received.");
        await Fixture.AddChronologyEntryAsync(scene.ReviewId, Today.AddDays(-40), longText);

        var live = await Fixture.SendAsync<GetLiveSession.Result>(new GetLiveSession.Query(scene.ReviewId, scene.SessionId));

        Assert.Equal(GroundRules.All, live.GroundRules);
        Assert.False(live.Session.GroundRulesRecorded);
        Assert.False(live.CanCapture);
        Assert.Equal(["Casey Caseworker", LiveSessionScene.OutsideName], live.Participants.Select(p => p.Name));
        Assert.Equal([Today.AddDays(-40), Today.AddDays(-20)], live.Agenda.Select(a => a.Date));
        Assert.True(live.Agenda[0].Summary.Length <= ChronologyItem.SummaryLength + 1);
        Assert.EndsWith("…", live.Agenda[0].Summary, StringComparison.Ordinal);
        Assert.Equal("Report received.", live.Agenda[1].Summary);
        Assert.Empty(live.Captured);
    }

    [Fact]
    public async Task Should_list_the_points_captured_in_this_session_newest_last()
    {
        var scene = await Fixture.SessionAsync(groundRules: true);
        foreach (var decision in new[] { "Screened in", "Closed the assessment" })
        {
            await Fixture.SendAsync<int>(new AddDecisionPoint.Command
            {
                Id = scene.ReviewId,
                SessionId = scene.SessionId,
                Date = Today.AddDays(-10),
                Role = DeciderRole.Investigator,
                Decision = decision,
            });
        }

        await Fixture.SendAsync<int>(new AddDecisionPoint.Command { Id = scene.ReviewId, Date = Today.AddDays(-30), Role = DeciderRole.Supervisor, Decision = "Outside the session" });

        var live = await Fixture.SendAsync<GetLiveSession.Result>(new GetLiveSession.Query(scene.ReviewId, scene.SessionId));

        Assert.True(live.CanCapture);
        Assert.Equal(["Screened in", "Closed the assessment"], live.Captured.Select(c => c.Decision));
        Assert.Equal(3, live.ReviewDecisionPointCount);
    }

    [Fact]
    public async Task Should_refuse_the_live_page_to_a_caseworker_who_is_not_on_the_team_and_to_a_participant()
    {
        var scene = await Fixture.SessionAsync(withCaseworker: false);
        await Fixture.RunAsUserAsync(Users.Caseworker);

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Fixture.SendAsync<GetLiveSession.Result>(new GetLiveSession.Query(scene.ReviewId, scene.SessionId)));

        // Taking part makes them a reader of the debrief, not someone who runs it.
        await Fixture.AddCaseworkerAsync(scene);
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Fixture.SendAsync<GetLiveSession.Result>(new GetLiveSession.Query(scene.ReviewId, scene.SessionId)));
    }

    [Fact]
    public async Task Should_let_a_supervisor_run_the_session()
    {
        var scene = await Fixture.SessionAsync();
        await Fixture.RunAsUserAsync(Users.Supervisor);

        await RecordAsync(scene, scene.OutsideParticipantId);

        Assert.True((await Fixture.LoadSessionAsync(scene.SessionId)).GroundRulesRecorded);
    }

    [Fact]
    public async Task Should_not_find_a_session_of_another_jurisdiction_or_of_another_review()
    {
        var scene = await Fixture.SessionAsync();
        var other = await Fixture.SessionAsync();

        await Assert.ThrowsAsync<NotFoundException>(() => Fixture.SendAsync<GetLiveSession.Result>(new GetLiveSession.Query(scene.ReviewId, other.SessionId)));

        await Fixture.RunAsUserAsync(Users.OtherCaseworker);
        await Assert.ThrowsAsync<NotFoundException>(() => Fixture.SendAsync<GetLiveSession.Result>(new GetLiveSession.Query(scene.ReviewId, scene.SessionId)));
        await Assert.ThrowsAsync<NotFoundException>(() => RecordAsync(scene, scene.OutsideParticipantId));
    }
}
