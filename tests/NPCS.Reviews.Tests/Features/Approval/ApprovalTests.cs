using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Features.Approval;
using NPCS.Reviews.Application.Features.Report;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.Tests.Features.Debrief;
using NPCS.Reviews.Tests.Support;

namespace NPCS.Reviews.Tests.Features.Approval;

public class ApprovalTests(SliceFixture fixture) : SliceTest(fixture, Users.Supervisor)
{
    private Task<Review> LoadAsync(int id) => Fixture.QueryDbAsync(db => db.Reviews.IgnoreQueryFilters().SingleAsync(r => r.Id == id));

    [Fact]
    public async Task Should_approve_lock_the_review_and_approve_its_proposed_actions()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Approval);
        var review = await LoadAsync(id);

        await Fixture.SendAsync(new ApproveReview.Command(id, review.Version));

        var approved = await LoadAsync(id);
        Assert.Equal(ReviewStage.Approved, approved.Stage);
        Assert.True(approved.IsLocked);
        Assert.Equal(await Fixture.UserIdAsync(Users.Supervisor), approved.ApprovedByUserId);
        var statuses = await Fixture.QueryDbAsync(db => db.ReviewActions.IgnoreQueryFilters().Where(a => a.ReviewId == id).Select(a => a.Status).ToListAsync());
        Assert.NotEmpty(statuses);
        Assert.All(statuses, s => Assert.Equal(ActionStatus.Approved, s));
        var summary = await Fixture.SendAsync<GetReviewSummary.Result>(new GetReviewSummary.Query(id));
        Assert.Equal("Sam Supervisor", summary.Approved?.Who);
    }

    [Fact]
    public async Task Should_return_the_review_to_findings_with_the_comments()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Approval);
        var review = await LoadAsync(id);

        await Fixture.SendAsync(new ReturnReview.Command { Id = id, Version = review.Version, Comments = "Add an action for the second finding." });

        var returned = await LoadAsync(id);
        Assert.Equal(ReviewStage.Findings, returned.Stage);
        Assert.Equal("Add an action for the second finding.", returned.ReturnComments);
        var summary = await Fixture.SendAsync<GetReviewSummary.Result>(new GetReviewSummary.Query(id));
        Assert.Equal("Sam Supervisor", summary.Returned?.Who);
    }

    [Fact]
    public async Task Should_refuse_to_return_without_comments_and_keep_the_stage()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Approval);
        var review = await LoadAsync(id);

        var ex = await Assert.ThrowsAsync<ValidationException>(() =>
            Fixture.SendAsync(new ReturnReview.Command { Id = id, Version = review.Version, Comments = " " }));
        var tooLong = await Assert.ThrowsAsync<ValidationException>(() =>
            Fixture.SendAsync(new ReturnReview.Command { Id = id, Version = review.Version, Comments = new string('x', Review.CommentsMaxLength + 1) }));

        Assert.Contains(nameof(ReturnReview.Command.Comments), ex.Errors.Keys);
        Assert.Contains(nameof(ReturnReview.Command.Comments), tooLong.Errors.Keys);
        Assert.Equal(ReviewStage.Approval, (await LoadAsync(id)).Stage);
    }

    [Fact]
    public async Task Should_refuse_approval_by_the_supervisor_who_submitted_it()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Approval);
        var review = await LoadAsync(id);
        var facilitatorId = await Fixture.UserIdAsync(Users.Facilitator);
        Assert.Equal(facilitatorId, review.SubmittedByUserId);

        // The scene's submitter is the facilitator; make the supervisor the submitter, as when a Supervisor facilitates.
        await Fixture.ExecuteScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ReviewsDbContext>();
            var r = await db.Reviews.IgnoreQueryFilters().SingleAsync(x => x.Id == id);
            var findings = await db.Findings.IgnoreQueryFilters().Where(f => f.ReviewId == id).ToListAsync();
            var actions = await db.ReviewActions.IgnoreQueryFilters().Where(a => a.ReviewId == id).ToListAsync();
            r.Return("Resubmitting as the supervisor.", facilitatorId, DateTimeOffset.UtcNow);
            r.SubmitForApproval(findings, actions, await Fixture.UserIdAsync(Users.Supervisor), DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        });
        review = await LoadAsync(id);

        var ex = await Assert.ThrowsAsync<DomainException>(() => Fixture.SendAsync(new ApproveReview.Command(id, review.Version)));

        Assert.Equal("You submitted this review, so another Supervisor must approve it.", ex.Message);
        Assert.Equal(ReviewStage.Approval, (await LoadAsync(id)).Stage);
    }

    [Theory]
    [InlineData(ReviewStage.Findings)]
    [InlineData(ReviewStage.Approved)]
    public async Task Should_refuse_to_approve_or_return_a_review_not_waiting_for_approval(ReviewStage stage)
    {
        var id = await Fixture.ReviewAtAsync(stage);
        var review = await LoadAsync(id);

        await Assert.ThrowsAsync<DomainException>(() => Fixture.SendAsync(new ApproveReview.Command(id, review.Version)));
        await Assert.ThrowsAsync<DomainException>(() =>
            Fixture.SendAsync(new ReturnReview.Command { Id = id, Version = review.Version, Comments = "Please check." }));
        Assert.Equal(stage, (await LoadAsync(id)).Stage);
    }

    [Theory]
    [InlineData(Users.Caseworker)]
    [InlineData(Users.Facilitator)]
    public async Task Should_forbid_approval_and_return_to_anyone_but_a_supervisor(string email)
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Approval);
        var review = await LoadAsync(id);
        await Fixture.RunAsUserAsync(email);

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Fixture.SendAsync(new ApproveReview.Command(id, review.Version)));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() =>
            Fixture.SendAsync(new ReturnReview.Command { Id = id, Version = review.Version, Comments = "Please check." }));
        Assert.Equal(ReviewStage.Approval, (await LoadAsync(id)).Stage);
    }

    [Fact]
    public async Task Should_summarise_the_whole_review_with_decision_points_for_the_debrief_team()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Approval);
        await Fixture.RunAsUserAsync(Users.Facilitator);

        var summary = await Fixture.SendAsync<GetReviewSummary.Result>(new GetReviewSummary.Query(id));

        Assert.NotEmpty(summary.Needs);
        Assert.NotEmpty(summary.Sessions);
        Assert.NotNull(summary.DecisionPoints);
        Assert.NotEmpty(summary.DecisionPoints);
        var finding = Assert.Single(summary.Findings);
        Assert.Equal(2, finding.Rating);
        Assert.NotEqual("(unknown item)", finding.Item);
        Assert.Single(finding.Actions);
        Assert.Equal("Frances Facilitator", summary.Submitted?.Who);
    }

    [Fact]
    public async Task Should_hide_decision_points_participants_their_number_and_notes_from_a_reader_outside_the_debrief_team()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Approval);
        // A Demo County caseworker who took no part in the debrief (caseworker@ is a participant in the scene).
        await Fixture.RunAsUserAsync(Users.Caseworker);
        Fixture.CurrentUser.Set("not-on-the-team", Fixture.CurrentUser.JurisdictionId, [Roles.Caseworker]);

        var summary = await Fixture.SendAsync<GetReviewSummary.Result>(new GetReviewSummary.Query(id));

        Assert.False(summary.Header.CanReadDebrief);
        Assert.Null(summary.DecisionPoints);
        var session = Assert.Single(summary.Sessions);
        Assert.Null(session.ParticipantCount);
        Assert.Empty(session.Participants);
        Assert.Null(session.Notes);
    }

    [Fact]
    public async Task Should_not_let_a_supervisor_of_another_jurisdiction_see_approve_or_return_the_review()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Approval);
        var review = await LoadAsync(id);
        // A Supervisor of Other County: the OTHR user's identity and jurisdiction, with the Supervisor role.
        await Fixture.RunAsUserAsync(Users.OtherCaseworker);
        Fixture.CurrentUser.Set(Fixture.CurrentUser.UserId, Fixture.CurrentUser.JurisdictionId, [Roles.Supervisor]);

        await Assert.ThrowsAsync<NotFoundException>(() => Fixture.SendAsync<GetReviewSummary.Result>(new GetReviewSummary.Query(id)));
        await Assert.ThrowsAsync<NotFoundException>(() => Fixture.SendAsync(new ApproveReview.Command(id, review.Version)));
        await Assert.ThrowsAsync<NotFoundException>(() =>
            Fixture.SendAsync(new ReturnReview.Command { Id = id, Version = review.Version, Comments = "Please check." }));
        Assert.Equal(ReviewStage.Approval, (await LoadAsync(id)).Stage);
    }
}
