using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Features.Debrief;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.Tests.Support;

namespace NPCS.Reviews.Tests.Features.Debrief;

/// <summary>
/// Debrief content is confidential to the review team (assigned facilitator, Supervisors,
/// Administrators, staff who took part). Everyone else who may read the review learns only that
/// sessions exist and when: the handlers must not hand them anything more.
/// </summary>
public class DebriefConfidentialityTests(SliceFixture fixture) : SliceTest(fixture, Users.Facilitator)
{
    /// <summary>A Debrief review with one session (an outside participant, ground rules, a decision point), set up by its facilitator.</summary>
    private async Task<(int Id, int SessionId)> SceneAsync()
    {
        await Fixture.RunAsUserAsync(Users.Facilitator);
        var id = await Fixture.ReviewAtAsync(ReviewStage.Debrief);
        var sessionId = await Fixture.ScheduleAsync(id, Today.AddDays(1));
        await Fixture.SendAsync(await Fixture.OutsideAsync(id, sessionId, "Dr. Maya Lee", "ER physician", ParticipantAgency.Hospital));
        await Fixture.RunSessionAsync(id, sessionId, markHeld: false, addDecisionPoint: true);
        return (id, sessionId);
    }

    private static void AssertTeamView(GetDebrief.Result debrief)
    {
        var session = Assert.Single(debrief.Sessions);
        Assert.Equal("Conference room B", session.Location);
        Assert.Equal("Frances Facilitator", session.FacilitatorName);
        Assert.Equal("Dr. Maya Lee", Assert.Single(session.Participants).Name);
        Assert.True(session.GroundRulesRecorded);
        Assert.Equal(1, session.DecisionPointCount);
        Assert.Equal(1, debrief.DecisionPointCount);
        Assert.Null(debrief.Confidential);
    }

    [Fact]
    public async Task Should_show_a_caseworker_outside_the_team_only_when_sessions_take_place()
    {
        var (id, _) = await SceneAsync();
        await Fixture.RunAsUserAsync(Users.Caseworker);

        var debrief = await Fixture.SendAsync<GetDebrief.Result>(new GetDebrief.Query(id));

        var session = Assert.Single(debrief.Sessions);
        Assert.Equal(Today.AddDays(1), session.Date);
        Assert.Equal(new TimeOnly(10, 0), session.StartTime);
        Assert.Equal(SessionStatus.Scheduled, session.Status);
        Assert.Null(session.Location);
        Assert.Null(session.FacilitatorName);
        Assert.Empty(session.Participants);
        Assert.Null(session.GroundRulesRecorded);
        Assert.Null(session.DecisionPointCount);
        Assert.Null(session.CancellationReason);
        Assert.Equal(0, debrief.DecisionPointCount);
        Assert.Equal(GetDebrief.ConfidentialNotice, debrief.Confidential);
        Assert.False(debrief.Header.CanReadDebrief);
        Assert.False(debrief.CanSchedule);
        Assert.False(debrief.CanComplete);
        Assert.Empty(debrief.FacilitatorOptions);
    }

    [Fact]
    public async Task Should_refuse_the_session_page_to_a_caseworker_outside_the_team()
    {
        var (id, sessionId) = await SceneAsync();
        await Fixture.RunAsUserAsync(Users.Caseworker);

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Fixture.SendAsync<GetSession.Result>(new GetSession.Query(id, sessionId)));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Fixture.SendAsync<RescheduleSession.Command>(new RescheduleSession.Query(id, sessionId)));
    }

    [Fact]
    public async Task Should_let_a_caseworker_read_the_debrief_once_they_take_part_but_not_run_it()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Debrief);
        var sessionId = await Fixture.ScheduleAsync(id, Today.AddDays(1));
        await Fixture.AddStaffAsync(id, sessionId, Users.Caseworker);
        await Fixture.RunAsUserAsync(Users.Caseworker);

        var session = await Fixture.SendAsync<GetSession.Result>(new GetSession.Query(id, sessionId));
        var debrief = await Fixture.SendAsync<GetDebrief.Result>(new GetDebrief.Query(id));

        Assert.Equal("Conference room B", session.Location);
        Assert.Equal("Casey Caseworker", Assert.Single(session.Participants).Name);
        Assert.False(session.CanRunLive);
        Assert.False(session.CanChange);
        Assert.False(session.CanChangeParticipants);
        Assert.Empty(session.StaffOptions);
        Assert.Equal("Conference room B", Assert.Single(debrief.Sessions).Location);
        Assert.False(debrief.CanSchedule);
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Fixture.SendAsync(
            new CancelSession.Command { Id = id, SessionId = sessionId, Version = session.Version, Reason = "I would rather not." }));
    }

    [Fact]
    public async Task Should_show_the_session_notes_to_the_whole_team_and_to_no_one_else()
    {
        var (id, sessionId) = await SceneAsync();
        var version = (await Fixture.SessionAsync(sessionId)).Version;
        await Fixture.SendAsync(new SaveSessionNotes.Command { Id = id, SessionId = sessionId, Version = version, Notes = "What the room said." });

        await Fixture.RunAsUserAsync(Users.Caseworker);
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Fixture.SendAsync<GetSession.Result>(new GetSession.Query(id, sessionId)));

        await Fixture.RunAsUserAsync(Users.Facilitator);
        await Fixture.AddStaffAsync(id, sessionId, Users.Caseworker);
        foreach (var reader in new[] { Users.Caseworker, Users.Admin, Users.Supervisor })
        {
            await Fixture.RunAsUserAsync(reader);
            var session = await Fixture.SendAsync<GetSession.Result>(new GetSession.Query(id, sessionId));
            Assert.Equal("What the room said.", session.Notes);
        }
    }

    [Theory]
    [InlineData(Users.Supervisor, true)]
    [InlineData(Users.Admin, false)]
    [InlineData(Users.Facilitator, true)]
    public async Task Should_let_the_review_team_read_everything(string email, bool manages)
    {
        var (id, sessionId) = await SceneAsync();
        await Fixture.RunAsUserAsync(email);

        var debrief = await Fixture.SendAsync<GetDebrief.Result>(new GetDebrief.Query(id));
        var session = await Fixture.SendAsync<GetSession.Result>(new GetSession.Query(id, sessionId));

        AssertTeamView(debrief);
        Assert.Equal("Conference room B", session.Location);
        Assert.Equal("Dr. Maya Lee", Assert.Single(session.Participants).Name);
        Assert.NotNull(session.GroundRulesRecordedAt);
        Assert.Equal("Frances Facilitator", session.GroundRulesRecordedBy);
        Assert.Equal(manages, debrief.CanSchedule);
        Assert.Equal(manages, debrief.CanComplete);
        Assert.Equal(manages, session.CanRunLive);
        Assert.Equal(manages, session.CanChange);
    }

    [Fact]
    public async Task Should_let_the_assigned_facilitator_manage_the_sessions()
    {
        var (id, sessionId) = await SceneAsync();
        var form = await Fixture.SendAsync<RescheduleSession.Command>(new RescheduleSession.Query(id, sessionId));
        form.Location = "Room 4";

        await Fixture.SendAsync(form);

        Assert.Equal("Room 4", (await Fixture.SessionAsync(sessionId)).Location);
    }

    [Fact]
    public async Task Should_not_find_anything_of_the_review_for_another_jurisdiction()
    {
        var (id, sessionId) = await SceneAsync();
        var schedule = await Fixture.ValidScheduleAsync(id, Today.AddDays(2));
        var version = (await Fixture.SessionAsync(sessionId)).Version;
        var participantId = (await Fixture.SessionAsync(sessionId)).Participants[0].Id;
        var form = await Fixture.SendAsync<RescheduleSession.Command>(new RescheduleSession.Query(id, sessionId));
        await Fixture.RunAsUserAsync(Users.OtherCaseworker);

        await Assert.ThrowsAsync<NotFoundException>(() => Fixture.SendAsync<GetDebrief.Result>(new GetDebrief.Query(id)));
        await Assert.ThrowsAsync<NotFoundException>(() => Fixture.SendAsync<GetSession.Result>(new GetSession.Query(id, sessionId)));
        await Assert.ThrowsAsync<NotFoundException>(() => Fixture.SendAsync<RescheduleSession.Command>(new RescheduleSession.Query(id, sessionId)));
        await Assert.ThrowsAsync<NotFoundException>(() => Fixture.SendAsync(
            new CancelSession.Command { Id = id, SessionId = sessionId, Version = version, Reason = "Not mine." }));
        await Assert.ThrowsAsync<NotFoundException>(() => Fixture.SendAsync(new AddOutsideParticipant.Command
        {
            Id = id,
            SessionId = sessionId,
            Version = version,
            Name = "X",
            Role = "Y",
            Agency = ParticipantAgency.School,
        }));
        await Assert.ThrowsAsync<NotFoundException>(() => Fixture.SendAsync(new RemoveParticipant.Command(id, sessionId, participantId, version)));
        await Assert.ThrowsAsync<NotFoundException>(() => Fixture.SendAsync(new CompleteDebrief.Command(id, Guid.NewGuid())));

        // Validation runs before the handler: the facilitator chosen on the form is not one of their
        // county's, which is all they are told; nothing of the review is revealed or changed.
        form.Location = "Somewhere else";
        var rescheduled = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync(form));
        Assert.Equal([nameof(RescheduleSession.Command.FacilitatorId)], rescheduled.Errors.Keys);
        var scheduled = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync<int>(schedule));
        Assert.Equal([nameof(ScheduleSession.Command.FacilitatorId)], scheduled.Errors.Keys);
        Assert.Equal("Conference room B", (await Fixture.SessionAsync(sessionId)).Location);
        Assert.Equal(1, await Fixture.QueryDbAsync(db => db.DebriefSessions.IgnoreQueryFilters().CountAsync(s => s.ReviewId == id)));
    }
}
