using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Features.Home;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.Tests.Support;
using NPCS.Reviews.TestSupport;

namespace NPCS.Reviews.Tests.Features.Home;

public class MyWorkTests(SliceFixture fixture) : SliceTest(fixture, Users.Caseworker)
{
    private Task<GetMyWork.Result> MyWorkAsync() => Fixture.SendAsync<GetMyWork.Result>(new GetMyWork.Query());

    [Fact]
    public async Task Should_show_a_caseworker_the_reviews_they_created_still_at_intake()
    {
        var atIntake = await Fixture.ReviewAtAsync(ReviewStage.Intake);
        var moved = await Fixture.ReviewAtAsync(ReviewStage.FamilyNeeds);

        var work = await MyWorkAsync();

        Assert.NotNull(work.Caseworker);
        Assert.Contains(work.Caseworker.AtIntake, r => r.Id == atIntake);
        Assert.DoesNotContain(work.Caseworker.AtIntake, r => r.Id == moved);
        Assert.Null(work.Facilitator);
        Assert.Null(work.Supervisor);
        Assert.False(work.IsAdministrator);
    }

    [Fact]
    public async Task Should_show_a_facilitator_their_open_reviews_by_stage_and_their_upcoming_sessions()
    {
        var familyNeeds = await Fixture.ReviewAtAsync(ReviewStage.FamilyNeeds);
        var debrief = await Fixture.ReviewAtAsync(ReviewStage.Debrief);
        var approved = await Fixture.ReviewAtAsync(ReviewStage.Approved);
        var scene = await Fixture.ExecuteScopeAsync(sp => LiveSessionScene.ScheduleAsync(
            sp.GetRequiredService<ReviewsDbContext>(), sp.GetRequiredService<UserManager<ApplicationUser>>(), debrief, Fixture.Time.GetUtcNow()));
        await Fixture.RunAsUserAsync(Users.Facilitator);

        var work = await MyWorkAsync();

        var facilitator = Assert.IsType<GetMyWork.FacilitatorWork>(work.Facilitator);
        Assert.Contains(facilitator.ByStage.Single(g => g.Key == ReviewStage.FamilyNeeds), r => r.Id == familyNeeds);
        Assert.Contains(facilitator.ByStage.Single(g => g.Key == ReviewStage.Debrief), r => r.Id == debrief);
        Assert.DoesNotContain(facilitator.ByStage.SelectMany(g => g), r => r.Id == approved);
        Assert.Equal(facilitator.ByStage.Select(g => g.Key).Order(), facilitator.ByStage.Select(g => g.Key));
        var session = Assert.Single(facilitator.UpcomingSessions, s => s.SessionId == scene.SessionId);
        Assert.Equal(new TimeOnly(10, 0), session.StartTime);
        Assert.Equal("Room 3", session.Location);
        Assert.StartsWith("DEMO-", session.ReviewNumber, StringComparison.Ordinal);
        Assert.Null(work.Caseworker);
        Assert.Null(work.Supervisor);
    }

    [Fact]
    public async Task Should_leave_past_and_cancelled_sessions_out_of_the_upcoming_ones()
    {
        var debrief = await Fixture.ReviewAtAsync(ReviewStage.Debrief);
        var scene = await Fixture.ExecuteScopeAsync(sp => LiveSessionScene.ScheduleAsync(
            sp.GetRequiredService<ReviewsDbContext>(), sp.GetRequiredService<UserManager<ApplicationUser>>(), debrief, Fixture.Time.GetUtcNow()));
        var findings = await Fixture.ReviewAtAsync(ReviewStage.Findings);
        var held = await Fixture.QueryDbAsync(db => db.DebriefSessions.IgnoreQueryFilters().SingleAsync(s => s.ReviewId == findings));
        await Fixture.RunAsUserAsync(Users.Facilitator);
        var upcoming = (await MyWorkAsync()).Facilitator!.UpcomingSessions;
        Assert.Contains(upcoming, s => s.SessionId == scene.SessionId);
        Assert.DoesNotContain(upcoming, s => s.SessionId == held.Id);

        var start = Fixture.Time.Now;
        try
        {
            Fixture.Time.Now = start.AddDays(2);
            Assert.DoesNotContain((await MyWorkAsync()).Facilitator!.UpcomingSessions, s => s.SessionId == scene.SessionId);
        }
        finally
        {
            Fixture.Time.Now = start;
        }
    }

    [Fact]
    public async Task Should_show_a_supervisor_approvals_late_reviews_and_overdue_actions()
    {
        var awaiting = await Fixture.ReviewAtAsync(ReviewStage.Approval);
        var intake = await Fixture.ReviewAtAsync(ReviewStage.Intake);
        var approved = await Fixture.ReviewAtAsync(ReviewStage.Approved);
        var review = await Fixture.QueryDbAsync(db => db.Reviews.IgnoreQueryFilters().SingleAsync(r => r.Id == intake));
        var action = await Fixture.QueryDbAsync(db => db.ReviewActions.IgnoreQueryFilters().SingleAsync(a => a.ReviewId == approved));
        await Fixture.RunAsUserAsync(Users.Supervisor);

        var now = await MyWorkAsync();
        var supervisor = Assert.IsType<GetMyWork.SupervisorWork>(now.Supervisor);
        Assert.Contains(supervisor.AwaitingApproval, r => r.Id == awaiting);
        Assert.DoesNotContain(supervisor.AwaitingApproval, r => r.Id == intake);
        Assert.DoesNotContain(supervisor.PastDue, r => r.Id == intake);
        Assert.DoesNotContain(supervisor.OverdueActions, a => a.ActionId == action.Id);

        var start = Fixture.Time.Now;
        try
        {
            // Past the intake's first-debrief deadline and the action's due date (60 days out).
            Fixture.Time.Now = start.AddDays(Math.Max(review.FirstDebriefDue.DayNumber - Today.DayNumber, 60) + 1);
            var later = (await MyWorkAsync()).Supervisor!;
            var late = Assert.Single(later.PastDue, r => r.Id == intake);
            Assert.True(late.Overdue);
            Assert.DoesNotContain(later.PastDue, r => r.Id == approved);
            Assert.Contains(later.OverdueActions, a => a.ActionId == action.Id && a.Overdue);
            Assert.True(later.OverdueActionCount >= 1);
            Assert.True(later.OverdueActions.Count <= GetMyWork.TopOverdueActions);
        }
        finally
        {
            Fixture.Time.Now = start;
        }
    }

    [Fact]
    public async Task Should_give_an_administrator_no_review_lists()
    {
        await Fixture.RunAsUserAsync(Users.Admin);

        var work = await MyWorkAsync();

        Assert.True(work.IsAdministrator);
        Assert.Null(work.Caseworker);
        Assert.Null(work.Facilitator);
        Assert.Null(work.Supervisor);
    }

    [Fact]
    public async Task Should_show_another_jurisdiction_none_of_demo_county()
    {
        var demo = await Fixture.ReviewAtAsync(ReviewStage.Intake);
        await Fixture.RunAsUserAsync(Users.OtherCaseworker);

        var work = await MyWorkAsync();

        Assert.DoesNotContain(work.Caseworker!.AtIntake, r => r.Id == demo);
    }
}
