using NPCS.Reviews.Domain;
using NPCS.Reviews.Domain.Jurisdictions;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.Tests.Support;

namespace NPCS.Reviews.Tests.Domain;

/// <summary>The stage rules of the record review, family-needs and debrief steps, and their refusals.</summary>
public class ReviewStepsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 20);
    private static readonly Jurisdiction Demo = new("Demo County", JurisdictionKind.County, "demo");

    private static readonly ChronologyDetails Entry = new(Today.AddDays(-3), null, ChronologySource.School, "Teacher called the hotline.", null);
    private static readonly NeedDetails UnmetHousing = new(NeedCategory.Housing, "Stable housing", NeedStatus.IdentifiedUnmet, NeedBarrier.Waitlist, "Six-week wait");
    private static readonly SessionDetails Session = new(Today, new TimeOnly(9, 30), "Room 2", "facilitator-1");
    private static readonly DecisionDetails Decision = new(Today.AddDays(-20), null, DeciderRole.Investigator, "Closed the assessment", null, null, null, Pressure.Workload, null);

    private static Review At(ReviewStage stage)
    {
        var review = Review.Record(Demo, Intakes.Details(openCase: YesNoUnknown.Yes), 2026, 1, "user-1", Now);
        Assert.Equal(ReviewStage.Intake, review.Stage);
        if (stage >= ReviewStage.FamilyNeeds)
        {
            review.CompleteIntake(Now);
        }

        if (stage >= ReviewStage.Debrief)
        {
            review.CompleteFamilyNeeds(1, null, Now);
        }

        if (stage >= ReviewStage.Findings)
        {
            var (session, _) = HeldSession(review);
            review.CompleteDebrief([session], 1, Now);
        }

        return review;
    }

    private static (DebriefSession Session, SessionParticipant Participant) HeldSession(Review review)
    {
        var session = review.ScheduleSession(Session);
        var participant = review.AddStaffParticipant(session, "worker-1", "Casey", "Investigator");
        review.RecordGroundRules(session, [participant.Id], "facilitator-1", Now);
        review.MarkSessionHeld(session);
        return (session, participant);
    }

    [Theory]
    [InlineData(ReviewStage.Intake)]
    [InlineData(ReviewStage.FamilyNeeds)]
    [InlineData(ReviewStage.Debrief)]
    [InlineData(ReviewStage.Findings)]
    public void Should_keep_the_chronology_open_until_the_review_goes_for_approval(ReviewStage stage)
    {
        var review = At(stage);

        var entry = review.AddChronologyEntry(Entry);

        Assert.True(review.ChronologyEditable);
        Assert.Equal("Teacher called the hotline.", entry.WhatHappened);
    }

    [Fact]
    public void Should_refuse_a_chronology_for_a_screened_out_incident()
    {
        var review = Review.Record(Demo, Intakes.Details(type: IncidentType.OtherCriticalIncident, openCase: YesNoUnknown.No), 2026, 1, "user-1", Now);
        Assert.Equal(ReviewStage.ScreenedOut, review.Stage);

        var ex = Assert.Throws<DomainException>(() => review.AddChronologyEntry(Entry));

        Assert.Contains("screened-out", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_unlink_decision_points_from_a_removed_chronology_entry()
    {
        var review = At(ReviewStage.Debrief);
        var entry = review.AddChronologyEntry(Entry);
        var point = review.AddDecisionPoint(null, Decision with { ChronologyEntryId = entry.Id }, entry, Now);

        review.RemoveChronologyEntry(entry, [point]);

        Assert.Null(point.ChronologyEntryId);
    }

    [Fact]
    public void Should_refuse_family_needs_before_the_intake_is_complete()
    {
        var ex = Assert.Throws<DomainException>(() => At(ReviewStage.Intake).AddNeed(UnmetHousing));

        Assert.Equal("The family-needs analysis starts once the intake is complete.", ex.Message);
    }

    [Fact]
    public void Should_refuse_family_needs_edits_once_the_analysis_is_complete()
    {
        var review = At(ReviewStage.FamilyNeeds);
        var need = review.AddNeed(UnmetHousing);
        review.CompleteFamilyNeeds(1, null, Now);

        var ex = Assert.Throws<DomainException>(() => review.EditNeed(need, UnmetHousing with { Description = "Changed" }));

        Assert.Equal("The family-needs analysis is complete. A Supervisor can reopen it with a reason.", ex.Message);
    }

    [Fact]
    public void Should_require_a_barrier_for_an_unmet_need_and_drop_barriers_from_a_met_one()
    {
        var review = At(ReviewStage.FamilyNeeds);

        Assert.Throws<DomainException>(() => review.AddNeed(UnmetHousing with { Barriers = NeedBarrier.None }));
        var met = review.AddNeed(UnmetHousing with { Status = NeedStatus.IdentifiedMet });

        Assert.Equal(NeedBarrier.None, met.Barriers);
        Assert.Null(met.BarrierNote);
    }

    [Fact]
    public void Should_rate_the_five_protective_factors_and_keep_the_reflection_and_voice()
    {
        var review = At(ReviewStage.FamilyNeeds);
        var analysis = review.StartFamilyNeedsAnalysis();
        var version = analysis.Version;

        review.RateProtectiveFactors(analysis, [new(ProtectiveFactor.SocialConnections, FactorRating.Absent, " Isolated ")]);
        review.ReflectOnBias(analysis, new BiasReflectionAnswers("  ", "Language barrier", null, null, null));
        review.RecordFamilyVoice(analysis, new FamilyVoiceDetails(YesNoUnknown.Yes, "Home visit", "They asked for help with a crib."));

        Assert.Equal(5, analysis.Factors.Count);
        Assert.Equal(FactorRating.Absent, analysis.FactorOf(ProtectiveFactor.SocialConnections).Rating);
        Assert.Equal("Isolated", analysis.FactorOf(ProtectiveFactor.SocialConnections).Note);
        Assert.Equal(FactorRating.Unknown, analysis.FactorOf(ProtectiveFactor.ParentalResilience).Rating);
        Assert.Null(analysis.BiasAssumptions);
        Assert.Equal("Language barrier", analysis.BiasCultureAndRace);
        Assert.Equal(YesNoUnknown.Yes, analysis.FamilyEngaged);
        Assert.NotEqual(version, analysis.Version);
    }

    [Fact]
    public void Should_complete_family_needs_only_with_a_need_or_a_stated_reason()
    {
        var review = At(ReviewStage.FamilyNeeds);

        var ex = Assert.Throws<DomainException>(() => review.CompleteFamilyNeeds(0, " ", Now));
        Assert.Equal("Record at least one need, or state that no unmet needs were identified and why.", ex.Message);
        Assert.Equal(ReviewStage.FamilyNeeds, review.Stage);

        review.CompleteFamilyNeeds(0, " Family was well supported. ", Now);

        Assert.Equal(ReviewStage.Debrief, review.Stage);
        Assert.Equal("Family was well supported.", review.NoUnmetNeedsReason);
    }

    [Fact]
    public void Should_refuse_to_complete_family_needs_at_another_stage()
    {
        var ex = Assert.Throws<DomainException>(() => At(ReviewStage.Intake).CompleteFamilyNeeds(1, null, Now));

        Assert.Equal("Cannot complete the family-needs analysis: the review is at Intake, not Family needs.", ex.Message);
    }

    [Fact]
    public void Should_schedule_sessions_from_family_needs_but_not_before()
    {
        Assert.Throws<DomainException>(() => At(ReviewStage.Intake).ScheduleSession(Session));

        var session = At(ReviewStage.FamilyNeeds).ScheduleSession(Session);

        Assert.Equal(SessionStatus.Scheduled, session.Status);
    }

    [Fact]
    public void Should_refuse_ground_rules_and_decision_points_before_the_debrief()
    {
        var review = At(ReviewStage.FamilyNeeds);
        var session = review.ScheduleSession(Session);
        var participant = review.AddOutsideParticipant(session, "Det. Rivera", "Detective", ParticipantAgency.LawEnforcement);

        var rules = Assert.Throws<DomainException>(() => review.RecordGroundRules(session, [participant.Id], "facilitator-1", Now));
        var point = Assert.Throws<DomainException>(() => review.AddDecisionPoint(null, Decision, null, Now));

        Assert.Contains("once the family-needs analysis is complete", rules.Message, StringComparison.Ordinal);
        Assert.Equal(rules.Message, point.Message);
    }

    [Fact]
    public void Should_take_no_notes_decision_points_or_held_mark_before_the_ground_rules()
    {
        var review = At(ReviewStage.Debrief);
        var session = review.ScheduleSession(Session);

        Assert.Throws<DomainException>(() => review.SaveSessionNotes(session, "Notes"));
        Assert.Throws<DomainException>(() => review.MarkSessionHeld(session));
        var ex = Assert.Throws<DomainException>(() => review.AddDecisionPoint(session, Decision, null, Now));

        Assert.StartsWith("Record that the ground rules were read", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_record_who_agreed_to_the_ground_rules()
    {
        var review = At(ReviewStage.Debrief);
        var session = review.ScheduleSession(Session);
        var staff = review.AddStaffParticipant(session, "worker-1", "Casey", "Investigator");

        Assert.Throws<DomainException>(() => review.RecordGroundRules(session, [], "facilitator-1", Now));
        Assert.Throws<DomainException>(() => review.RecordGroundRules(session, [999], "facilitator-1", Now));
        review.RecordGroundRules(session, [staff.Id], "facilitator-1", Now);

        Assert.True(session.GroundRulesRecorded);
        Assert.True(staff.AgreedToGroundRules);
        var keep = Assert.Throws<DomainException>(() => review.RemoveParticipant(session, staff.Id));
        Assert.Contains("stays on the record", keep.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_refuse_the_same_staff_member_twice_in_a_session()
    {
        var review = At(ReviewStage.Debrief);
        var session = review.ScheduleSession(Session);
        review.AddStaffParticipant(session, "worker-1", "Casey", "Investigator");

        var ex = Assert.Throws<DomainException>(() => review.AddStaffParticipant(session, "worker-1", "Casey", "Supervisor"));

        Assert.Equal("This person is already a participant of the session.", ex.Message);
    }

    [Fact]
    public void Should_only_cancel_or_reschedule_a_scheduled_session()
    {
        var review = At(ReviewStage.Debrief);
        var (held, _) = HeldSession(review);
        var other = review.ScheduleSession(Session);

        Assert.Throws<DomainException>(() => review.CancelSession(held, "No longer needed"));
        Assert.Throws<DomainException>(() => review.RescheduleSession(held, Session with { Location = "Room 3" }));
        Assert.Throws<DomainException>(() => review.CancelSession(other, " "));
        review.CancelSession(other, "Facilitator ill");

        Assert.Equal(SessionStatus.Cancelled, other.Status);
        Assert.Throws<DomainException>(() => review.AddOutsideParticipant(other, "Late", "Nurse", ParticipantAgency.Hospital));
    }

    [Fact]
    public void Should_complete_the_debrief_only_with_a_held_session_with_ground_rules_and_a_decision_point()
    {
        var review = At(ReviewStage.Debrief);
        var scheduled = review.ScheduleSession(Session);

        var none = Assert.Throws<DomainException>(() => review.CompleteDebrief([scheduled], 0, Now));
        Assert.Equal(
            "The debrief cannot be completed yet. It needs at least one session marked as held, with its ground rules recorded and at least one decision point.",
            none.Message);

        var (held, _) = HeldSession(review);
        var noPoint = Assert.Throws<DomainException>(() => review.CompleteDebrief([scheduled, held], 0, Now));
        Assert.Equal("The debrief cannot be completed yet. It needs at least one decision point.", noPoint.Message);

        review.CompleteDebrief([scheduled, held], 1, Now);
        Assert.Equal(ReviewStage.Findings, review.Stage);
    }

    [Fact]
    public void Should_lock_decision_points_once_the_debrief_is_complete()
    {
        var review = At(ReviewStage.Findings);

        var ex = Assert.Throws<DomainException>(() => review.AddDecisionPoint(null, Decision, null, Now));

        Assert.Equal("The debrief is complete. A Supervisor can reopen it with a reason.", ex.Message);
    }

    [Fact]
    public void Should_refuse_a_decision_point_linked_to_a_chronology_entry_it_was_not_given()
    {
        var review = At(ReviewStage.Debrief);

        var ex = Assert.Throws<DomainException>(() => review.AddDecisionPoint(null, Decision with { ChronologyEntryId = 42 }, null, Now));

        Assert.Equal("Choose a chronology entry of this review.", ex.Message);
    }

    [Theory]
    [InlineData(ReviewStage.Findings, ReviewStage.Debrief)]
    [InlineData(ReviewStage.Findings, ReviewStage.Intake)]
    [InlineData(ReviewStage.Debrief, ReviewStage.FamilyNeeds)]
    [InlineData(ReviewStage.FamilyNeeds, ReviewStage.Intake)]
    public void Should_let_a_supervisor_reopen_a_completed_step(ReviewStage at, ReviewStage step)
    {
        var review = At(at);

        review.Reopen(step, [], " Facts corrected ", "supervisor-1", Now);

        Assert.Equal(step, review.Stage);
        Assert.Equal("Facts corrected", review.ReopenReason);
        Assert.Equal("supervisor-1", review.ReopenedByUserId);
    }

    [Theory]
    [InlineData(ReviewStage.Intake, ReviewStage.Intake)]
    [InlineData(ReviewStage.FamilyNeeds, ReviewStage.FamilyNeeds)]
    [InlineData(ReviewStage.FamilyNeeds, ReviewStage.Debrief)]
    [InlineData(ReviewStage.Findings, ReviewStage.Findings)]
    public void Should_refuse_to_reopen_a_step_that_is_not_complete(ReviewStage at, ReviewStage step)
    {
        var review = At(at);

        Assert.Throws<DomainException>(() => review.Reopen(step, [], "Why", "supervisor-1", Now));
        Assert.Equal(at, review.Stage);
    }

    [Fact]
    public void Should_require_a_reason_to_reopen()
    {
        var review = At(ReviewStage.Debrief);

        var ex = Assert.Throws<DomainException>(() => review.Reopen(ReviewStage.Intake, [], "  ", "supervisor-1", Now));

        Assert.Equal("A written reason is required to reopen a step.", ex.Message);
    }
}
