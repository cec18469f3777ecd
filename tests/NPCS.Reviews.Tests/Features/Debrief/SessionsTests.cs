using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Features.Debrief;
using NPCS.Reviews.Domain;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.Tests.Support;

namespace NPCS.Reviews.Tests.Features.Debrief;

public class SessionsTests(SliceFixture fixture) : SliceTest(fixture, Users.Facilitator)
{
    private Task<int> SessionCountAsync(int reviewId) =>
        Fixture.QueryDbAsync(db => db.DebriefSessions.IgnoreQueryFilters().CountAsync(s => s.ReviewId == reviewId));

    [Fact]
    public async Task Should_schedule_sessions_and_list_them_in_date_and_time_order()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Debrief);
        var later = await Fixture.ScheduleAsync(id, Today.AddDays(7));
        var command = await Fixture.ValidScheduleAsync(id, Today.AddDays(2));
        command.StartTime = new TimeOnly(14, 30);
        command.Location = "  https://meet.example.org/debrief  ";
        var earlier = await Fixture.SendAsync<int>(command);

        var debrief = await Fixture.SendAsync<GetDebrief.Result>(new GetDebrief.Query(id));

        Assert.Equal([earlier, later], debrief.Sessions.Select(s => s.Id));
        var first = debrief.Sessions[0];
        Assert.Equal(Today.AddDays(2), first.Date);
        Assert.Equal(new TimeOnly(14, 30), first.StartTime);
        Assert.Equal(SessionStatus.Scheduled, first.Status);
        Assert.Equal("https://meet.example.org/debrief", first.Location);
        Assert.Equal("Frances Facilitator", first.FacilitatorName);
        Assert.False(first.GroundRulesRecorded);
        Assert.Equal(0, first.DecisionPointCount);
        Assert.True(debrief.CanSchedule);
        Assert.True(debrief.CanComplete);
        Assert.Null(debrief.Confidential);
        Assert.Equal(await Fixture.UserIdAsync(Users.Facilitator), debrief.DefaultFacilitatorId);
        Assert.Contains(debrief.FacilitatorOptions, f => f.Id == debrief.DefaultFacilitatorId);
    }

    [Fact]
    public async Task Should_allow_scheduling_during_the_family_needs_analysis_but_not_before_the_intake_is_complete()
    {
        var familyNeeds = await Fixture.ReviewAtAsync(ReviewStage.FamilyNeeds);
        await Fixture.ScheduleAsync(familyNeeds, Today.AddDays(3));
        var atFamilyNeeds = await Fixture.SendAsync<GetDebrief.Result>(new GetDebrief.Query(familyNeeds));
        Assert.True(atFamilyNeeds.CanSchedule);
        Assert.False(atFamilyNeeds.CanComplete);

        var intake = await Fixture.ReviewAtAsync(ReviewStage.Intake);
        var ex = await Assert.ThrowsAsync<DomainException>(() => Fixture.ScheduleAsync(intake, Today.AddDays(3)));
        Assert.Equal("Debrief sessions can be scheduled once the intake is complete.", ex.Message);
        Assert.Equal(0, await SessionCountAsync(intake));
        var atIntake = await Fixture.SendAsync<GetDebrief.Result>(new GetDebrief.Query(intake));
        Assert.True(atIntake.SchedulingNotYetOpen);
        Assert.False(atIntake.CanSchedule);
    }

    public static TheoryData<string, string> InvalidSchedules => new()
    {
        { "no date", "Enter the date of the session." },
        { "before the incident", "A debrief session cannot be before the incident." },
        { "more than a year ahead", "Schedule the session within a year from today." },
        { "no time", "Enter the start time of the session." },
        { "blank place", "Enter the place or the video link." },
        { "place too long", $"The place or video link must be at most {DebriefSession.LocationMaxLength} characters." },
        { "no facilitator", "Choose the facilitator." },
        { "not a facilitator", "Choose a facilitator from the list." },
    };

    private async Task<(string Property, Action<SessionFields> Change)> BreakAsync(string what, int reviewId)
    {
        var review = await Fixture.ReviewAsync(reviewId);
        var caseworker = await Fixture.UserIdAsync(Users.Caseworker);
        return what switch
        {
            "no date" => (nameof(SessionFields.Date), c => c.Date = null),
            "before the incident" => (nameof(SessionFields.Date), c => c.Date = review.IncidentDate.AddDays(-1)),
            "more than a year ahead" => (nameof(SessionFields.Date), c => c.Date = Today.AddYears(1).AddDays(1)),
            "no time" => (nameof(SessionFields.StartTime), c => c.StartTime = null),
            "blank place" => (nameof(SessionFields.Location), c => c.Location = "   "),
            "place too long" => (nameof(SessionFields.Location), c => c.Location = new string('x', DebriefSession.LocationMaxLength + 1)),
            "no facilitator" => (nameof(SessionFields.FacilitatorId), c => c.FacilitatorId = null),
            "not a facilitator" => (nameof(SessionFields.FacilitatorId), c => c.FacilitatorId = caseworker),
            _ => throw new ArgumentOutOfRangeException(nameof(what)),
        };
    }

    [Theory]
    [MemberData(nameof(InvalidSchedules))]
    public async Task Should_refuse_an_invalid_schedule_with_the_message_for_its_field_and_save_nothing(string what, string message)
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Debrief);
        var command = await Fixture.ValidScheduleAsync(id, Today.AddDays(1));
        var (property, change) = await BreakAsync(what, id);
        change(command);

        var ex = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync<int>(command));

        Assert.Equal([message], ex.Errors[property]);
        Assert.Single(ex.Errors);
        Assert.Equal(0, await SessionCountAsync(id));
    }

    [Theory]
    [MemberData(nameof(InvalidSchedules))]
    public async Task Should_refuse_an_invalid_reschedule_and_keep_the_session_as_it_was(string what, string message)
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Debrief);
        var sessionId = await Fixture.ScheduleAsync(id, Today.AddDays(1));
        var form = await Fixture.SendAsync<RescheduleSession.Command>(new RescheduleSession.Query(id, sessionId));
        var (property, change) = await BreakAsync(what, id);
        change(form);

        var ex = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync(form));

        Assert.Equal([message], ex.Errors[property]);
        var saved = await Fixture.SessionAsync(sessionId);
        Assert.Equal(Today.AddDays(1), saved.Date);
        Assert.Equal("Conference room B", saved.Location);
    }

    [Fact]
    public async Task Should_accept_a_session_on_the_incident_date_and_one_exactly_a_year_ahead()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Debrief);
        var review = await Fixture.ReviewAsync(id);

        await Fixture.ScheduleAsync(id, review.IncidentDate);
        await Fixture.ScheduleAsync(id, Today.AddYears(1));

        Assert.Equal(2, await SessionCountAsync(id));
    }

    [Fact]
    public async Task Should_reschedule_a_scheduled_session_and_report_a_concurrent_change()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Debrief);
        var sessionId = await Fixture.ScheduleAsync(id, Today.AddDays(1));
        var form = await Fixture.SendAsync<RescheduleSession.Command>(new RescheduleSession.Query(id, sessionId));
        Assert.Equal("Conference room B", form.Location);
        Assert.Equal(new TimeOnly(10, 0), form.StartTime);

        form.Date = Today.AddDays(4);
        form.StartTime = new TimeOnly(9, 15);
        form.Location = "Room 12";
        await Fixture.SendAsync(form);

        var saved = await Fixture.SessionAsync(sessionId);
        Assert.Equal(Today.AddDays(4), saved.Date);
        Assert.Equal(new TimeOnly(9, 15), saved.StartTime);
        Assert.Equal("Room 12", saved.Location);

        form.Location = "Room 99";
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Fixture.SendAsync(form));
        Assert.Equal("Room 12", (await Fixture.SessionAsync(sessionId)).Location);
    }

    [Fact]
    public async Task Should_cancel_a_scheduled_session_with_a_reason_and_then_refuse_to_change_it()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Debrief);
        var sessionId = await Fixture.ScheduleAsync(id, Today.AddDays(1));
        var session = await Fixture.SessionAsync(sessionId);

        await Fixture.SendAsync(new CancelSession.Command { Id = id, SessionId = sessionId, Version = session.Version, Reason = "The investigator is on leave." });

        var cancelled = await Fixture.SessionAsync(sessionId);
        Assert.Equal(SessionStatus.Cancelled, cancelled.Status);
        Assert.Equal("The investigator is on leave.", cancelled.CancellationReason);

        var again = await Assert.ThrowsAsync<DomainException>(() => Fixture.SendAsync(
            new CancelSession.Command { Id = id, SessionId = sessionId, Version = cancelled.Version, Reason = "Again." }));
        Assert.Equal("Cannot cancel a session that is cancelled.", again.Message);

        var form = await Fixture.SendAsync<RescheduleSession.Command>(new RescheduleSession.Query(id, sessionId));
        var moved = await Assert.ThrowsAsync<DomainException>(() => Fixture.SendAsync(form));
        Assert.Equal("Cannot change the time, place or facilitator of a session that is cancelled.", moved.Message);

        var details = await Fixture.SendAsync<GetSession.Result>(new GetSession.Query(id, sessionId));
        Assert.False(details.CanChange);
        Assert.False(details.CanRunLive);
        Assert.False(details.CanChangeParticipants);
        Assert.Equal("The investigator is on leave.", details.CancellationReason);
    }

    [Theory]
    [InlineData("", "Enter the reason for cancelling the session.")]
    [InlineData("  ", "Enter the reason for cancelling the session.")]
    [InlineData(null, "Enter the reason for cancelling the session.")]
    public async Task Should_refuse_to_cancel_without_a_reason(string? reason, string message)
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Debrief);
        var sessionId = await Fixture.ScheduleAsync(id, Today.AddDays(1));
        var session = await Fixture.SessionAsync(sessionId);

        var ex = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync(
            new CancelSession.Command { Id = id, SessionId = sessionId, Version = session.Version, Reason = reason }));

        Assert.Equal([message], ex.Errors[nameof(CancelSession.Command.Reason)]);
        Assert.Equal(SessionStatus.Scheduled, (await Fixture.SessionAsync(sessionId)).Status);
    }

    [Fact]
    public async Task Should_refuse_a_cancellation_reason_that_is_too_long()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Debrief);
        var sessionId = await Fixture.ScheduleAsync(id, Today.AddDays(1));
        var session = await Fixture.SessionAsync(sessionId);

        var ex = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync(new CancelSession.Command
        {
            Id = id,
            SessionId = sessionId,
            Version = session.Version,
            Reason = new string('x', DebriefSession.ReasonMaxLength + 1),
        }));

        Assert.Equal([$"The reason must be at most {DebriefSession.ReasonMaxLength} characters."], ex.Errors[nameof(CancelSession.Command.Reason)]);
    }

    [Fact]
    public async Task Should_not_find_a_session_of_another_review()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Debrief);
        var other = await Fixture.ReviewAtAsync(ReviewStage.Debrief);
        var sessionId = await Fixture.ScheduleAsync(other, Today.AddDays(1));
        var session = await Fixture.SessionAsync(sessionId);

        await Assert.ThrowsAsync<NotFoundException>(() => Fixture.SendAsync<GetSession.Result>(new GetSession.Query(id, sessionId)));
        await Assert.ThrowsAsync<NotFoundException>(() => Fixture.SendAsync(
            new CancelSession.Command { Id = id, SessionId = sessionId, Version = session.Version, Reason = "Wrong review." }));
        Assert.Equal(SessionStatus.Scheduled, (await Fixture.SessionAsync(sessionId)).Status);
    }

    [Fact]
    public async Task Should_refuse_a_caseworker_who_is_not_the_facilitator_to_schedule()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Debrief);
        var command = await Fixture.ValidScheduleAsync(id, Today.AddDays(1));
        await Fixture.RunAsUserAsync(Users.Caseworker);

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Fixture.SendAsync<int>(command));

        Assert.Equal(0, await SessionCountAsync(id));
    }

    [Fact]
    public async Task Should_let_a_supervisor_schedule_but_not_an_administrator()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Debrief);
        var command = await Fixture.ValidScheduleAsync(id, Today.AddDays(1));

        await Fixture.RunAsUserAsync(Users.Admin);
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Fixture.SendAsync<int>(command));
        await Fixture.RunAsUserAsync(Users.Supervisor);
        await Fixture.SendAsync<int>(command);

        Assert.Equal(1, await SessionCountAsync(id));
    }

    [Fact]
    public async Task Should_refuse_to_complete_the_debrief_without_a_held_session_and_a_decision_point()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Debrief);
        var sessionId = await Fixture.ScheduleAsync(id, Today);
        var review = await Fixture.ReviewAsync(id);

        var none = await Assert.ThrowsAsync<DomainException>(() => Fixture.SendAsync(new CompleteDebrief.Command(id, review.Version)));

        await Fixture.SendAsync(await Fixture.OutsideAsync(id, sessionId));
        await Fixture.RunSessionAsync(id, sessionId, markHeld: true, addDecisionPoint: false);
        review = await Fixture.ReviewAsync(id);
        var noPoint = await Assert.ThrowsAsync<DomainException>(() => Fixture.SendAsync(new CompleteDebrief.Command(id, review.Version)));

        Assert.Equal("The debrief cannot be completed yet. It needs at least one session marked as held, with its ground rules recorded and at least one decision point.", none.Message);
        Assert.Equal("The debrief cannot be completed yet. It needs at least one decision point.", noPoint.Message);
        Assert.Equal(ReviewStage.Debrief, (await Fixture.ReviewAsync(id)).Stage);
    }

    [Fact]
    public async Task Should_complete_the_debrief_once_a_session_was_held_with_ground_rules_and_a_decision_point_recorded()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Debrief);
        var sessionId = await Fixture.ScheduleAsync(id, Today);
        await Fixture.SendAsync(await Fixture.OutsideAsync(id, sessionId, "Dr. Lee", "ER physician", ParticipantAgency.Hospital));
        await Fixture.RunSessionAsync(id, sessionId, markHeld: true, addDecisionPoint: true);

        var debrief = await Fixture.SendAsync<GetDebrief.Result>(new GetDebrief.Query(id));
        Assert.True(debrief.DueMet);
        Assert.False(debrief.Overdue);
        Assert.Equal(Today, debrief.FirstHeld);
        Assert.Equal(1, debrief.DecisionPointCount);
        Assert.True(debrief.Sessions[0].GroundRulesRecorded);
        Assert.Equal(1, debrief.Sessions[0].DecisionPointCount);

        await Fixture.SendAsync(new CompleteDebrief.Command(id, debrief.Header.Version));

        Assert.Equal(ReviewStage.Findings, (await Fixture.ReviewAsync(id)).Stage);
        var after = await Fixture.SendAsync<GetDebrief.Result>(new GetDebrief.Query(id));
        Assert.False(after.CanSchedule);
        Assert.False(after.CanComplete);
    }

    [Fact]
    public async Task Should_show_the_first_debrief_as_overdue_when_its_due_date_passed_with_no_session_held()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Debrief);
        var review = await Fixture.ReviewAsync(id);
        await Fixture.ScheduleAsync(id, review.FirstDebriefDue.AddDays(1));
        var before = await Fixture.SendAsync<GetDebrief.Result>(new GetDebrief.Query(id));
        Assert.False(before.Overdue);
        Assert.False(before.DueMet);

        var now = Fixture.Time.Now;
        try
        {
            Fixture.Time.Now = now.AddDays(review.FirstDebriefDue.DayNumber - Today.DayNumber + 1);
            var after = await Fixture.SendAsync<GetDebrief.Result>(new GetDebrief.Query(id));
            Assert.True(after.Overdue);
            Assert.False(after.DueMet);
            Assert.Equal(review.FirstDebriefDue, after.FirstDebriefDue);
        }
        finally
        {
            Fixture.Time.Now = now;
        }
    }
}
