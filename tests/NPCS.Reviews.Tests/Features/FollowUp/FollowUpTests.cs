using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Features.FollowUp;
using NPCS.Reviews.Application.Features.Reviews;
using NPCS.Reviews.Domain;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.Tests.Support;

namespace NPCS.Reviews.Tests.Features.FollowUp;

public class FollowUpTests(SliceFixture fixture) : SliceTest(fixture, Users.Supervisor)
{
    private Task<ReviewAction> ActionOfAsync(int reviewId) =>
        Fixture.QueryDbAsync(db => db.ReviewActions.IgnoreQueryFilters().AsNoTracking().SingleAsync(a => a.ReviewId == reviewId));

    private Task<ListActions.Result> ListAsync(ActionStatus? status = null, string? owner = null, ActionStrength? strength = null, bool overdue = false, int page = 1) =>
        Fixture.SendAsync<ListActions.Result>(new ListActions.Query(status, owner, strength, overdue, page));

    private async Task UpdateAsync(ReviewAction action, ActionStatus status, DateOnly date, Effectiveness? effectiveness = null, string? note = null) =>
        await Fixture.SendAsync(new UpdateActionStatus.Command
        {
            ActionId = action.Id,
            Version = action.Version,
            Status = status,
            Date = date,
            Effectiveness = effectiveness,
            Note = note,
        });

    [Fact]
    public async Task Should_list_the_actions_of_approved_reviews_only()
    {
        var approved = await ActionOfAsync(await Fixture.ReviewAtAsync(ReviewStage.Approved));
        var waiting = await ActionOfAsync(await Fixture.ReviewAtAsync(ReviewStage.Approval));

        var result = await ListAsync();

        var row = Assert.Single(result.Rows, r => r.ActionId == approved.Id);
        Assert.DoesNotContain(result.Rows, r => r.ActionId == waiting.Id);
        Assert.Equal("Share discharge notes through a joint protocol", row.WhatWillBeDone);
        Assert.Equal(ActionStatus.Approved, row.Status);
        Assert.Equal("Pat Manager", row.OwnerName);
        Assert.Equal("Intake unit", row.OwnerUnit);
        Assert.False(string.IsNullOrEmpty(row.FactorName));
        Assert.StartsWith("DEMO-", row.ReviewNumber, StringComparison.Ordinal);
        Assert.False(row.Overdue);
    }

    [Fact]
    public async Task Should_filter_by_status_owner_and_strength()
    {
        var action = await ActionOfAsync(await Fixture.ReviewAtAsync(ReviewStage.Approved));
        await UpdateAsync(action, ActionStatus.InProgress, Today, note: "Protocol drafted");

        Assert.Contains((await ListAsync(status: ActionStatus.InProgress)).Rows, r => r.ActionId == action.Id);
        Assert.DoesNotContain((await ListAsync(status: ActionStatus.Approved)).Rows, r => r.ActionId == action.Id);
        Assert.Contains((await ListAsync(owner: "  pat MAN ")).Rows, r => r.ActionId == action.Id);
        Assert.Contains((await ListAsync(owner: "intake")).Rows, r => r.ActionId == action.Id);
        Assert.DoesNotContain((await ListAsync(owner: "Nobody at all")).Rows, r => r.ActionId == action.Id);
        Assert.Contains((await ListAsync(strength: ActionStrength.Intermediate)).Rows, r => r.ActionId == action.Id);
        Assert.DoesNotContain((await ListAsync(strength: ActionStrength.Stronger)).Rows, r => r.ActionId == action.Id);
    }

    [Fact]
    public async Task Should_page_the_actions_soonest_due_first_without_repeating_or_skipping_one()
    {
        while ((await ListAsync()).Total <= ListActions.PageSize)
        {
            await Fixture.ReviewAtAsync(ReviewStage.Approved);
        }

        var first = await ListAsync();
        var pages = new List<ListActions.Result> { first };
        for (var page = 2; page <= first.PageCount; page++)
        {
            pages.Add(await ListAsync(page: page));
        }

        var rows = pages.SelectMany(p => p.Rows).ToList();
        Assert.Equal(ListActions.PageSize, first.Rows.Count);
        Assert.Equal(first.Total, rows.Count);
        Assert.Equal(rows.Count, rows.Select(r => r.ActionId).Distinct().Count());
        Assert.Equal(rows.OrderBy(r => r.DueDate).ThenBy(r => r.ActionId).Select(r => r.ActionId), rows.Select(r => r.ActionId));

        // A page past the last shows the last.
        var beyond = await ListAsync(page: first.PageCount + 3);
        Assert.Equal(first.PageCount, beyond.Page);
        Assert.Equal(pages[^1].Rows.Select(r => r.ActionId), beyond.Rows.Select(r => r.ActionId));
    }

    [Fact]
    public async Task Should_mark_an_open_action_overdue_once_its_due_date_has_passed_and_not_once_done()
    {
        var action = await ActionOfAsync(await Fixture.ReviewAtAsync(ReviewStage.Approved));
        Assert.DoesNotContain((await ListAsync(overdue: true)).Rows, r => r.ActionId == action.Id);

        var start = Fixture.Time.Now;
        try
        {
            // Due on day 60: on day 60 it is not yet overdue, on day 61 it is.
            Fixture.Time.Now = start.AddDays(60);
            Assert.DoesNotContain((await ListAsync(overdue: true)).Rows, r => r.ActionId == action.Id);

            Fixture.Time.Now = start.AddDays(61);
            var overdue = Assert.Single((await ListAsync(overdue: true)).Rows, r => r.ActionId == action.Id);
            Assert.True(overdue.Overdue);

            await UpdateAsync(action, ActionStatus.Done, Today, Effectiveness.Partly);
            Assert.DoesNotContain((await ListAsync(overdue: true)).Rows, r => r.ActionId == action.Id);
            Assert.False(Assert.Single((await ListAsync()).Rows, r => r.ActionId == action.Id).Overdue);
        }
        finally
        {
            Fixture.Time.Now = start;
        }
    }

    [Fact]
    public async Task Should_show_another_jurisdiction_none_of_the_actions()
    {
        var action = await ActionOfAsync(await Fixture.ReviewAtAsync(ReviewStage.Approved));
        await Fixture.RunAsUserAsync(Users.OtherCaseworker);

        var result = await ListAsync();

        Assert.Equal(0, result.Total);
        await Assert.ThrowsAsync<NotFoundException>(() => Fixture.SendAsync<GetAction.Result>(new GetAction.Query(action.Id)));
        await Assert.ThrowsAsync<NotFoundException>(() => UpdateAsync(action, ActionStatus.InProgress, Today));
    }

    [Fact]
    public async Task Should_key_the_actions_to_their_review_s_jurisdiction_while_approved_and_drop_them_from_the_list_when_reopened()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Approved);
        var action = await ActionOfAsync(id);
        var review = await Fixture.QueryDbAsync(db => db.Reviews.IgnoreQueryFilters().AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.Equal(review.JurisdictionId, action.FollowUpJurisdictionId);
        Assert.Contains((await ListAsync()).Rows, r => r.ActionId == action.Id);

        await Fixture.SendAsync(new ReopenStep.Command { Id = id, Version = review.Version, Step = ReviewStage.Findings, Reason = "The owner has left the agency." });

        Assert.Null((await ActionOfAsync(id)).FollowUpJurisdictionId);
        Assert.DoesNotContain((await ListAsync()).Rows, r => r.ActionId == action.Id);

        // The key moving is no change of the action's own: the review's line says why.
        var history = await Fixture.SendAsync<GetHistory.Result>(new GetHistory.Query(id));
        Assert.Equal("Findings reopened: The owner has left the agency.", history.Lines[0].Description);
        Assert.DoesNotContain(history.Lines, l => l.Description.StartsWith("Action edited", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_save_the_status_note_date_and_effectiveness()
    {
        var action = await ActionOfAsync(await Fixture.ReviewAtAsync(ReviewStage.Approved));

        await UpdateAsync(action, ActionStatus.Done, Today, Effectiveness.Worked, "Protocol in use since Monday");

        var saved = await ActionOfAsync(action.ReviewId);
        Assert.Equal(ActionStatus.Done, saved.Status);
        Assert.Equal("Protocol in use since Monday", saved.StatusNote);
        Assert.Equal(Today, saved.StatusDate);
        Assert.Equal(Effectiveness.Worked, saved.Effectiveness);
        var view = await Fixture.SendAsync<GetAction.Result>(new GetAction.Query(action.Id));
        Assert.True(view.Followable);
        Assert.True(view.CanUpdate);
        var form = await Fixture.SendAsync<UpdateActionStatus.Command>(new UpdateActionStatus.Query(action.Id));
        Assert.Equal(saved.Version, form.Version);
        Assert.Equal(ActionStatus.Done, form.Status);
        Assert.Equal(Effectiveness.Worked, form.Effectiveness);
    }

    [Fact]
    public async Task Should_refuse_to_follow_up_before_the_review_is_approved()
    {
        var action = await ActionOfAsync(await Fixture.ReviewAtAsync(ReviewStage.Approval));

        var ex = await Assert.ThrowsAsync<DomainException>(() => UpdateAsync(action, ActionStatus.InProgress, Today));

        Assert.Contains("approved", ex.Message, StringComparison.Ordinal);
        Assert.False((await Fixture.SendAsync<GetAction.Result>(new GetAction.Query(action.Id))).Followable);
    }

    [Fact]
    public async Task Should_require_effectiveness_when_done_and_refuse_dates_in_the_future_or_before_approval()
    {
        var action = await ActionOfAsync(await Fixture.ReviewAtAsync(ReviewStage.Approved));

        var done = await Assert.ThrowsAsync<ValidationException>(() => UpdateAsync(action, ActionStatus.Done, Today));
        Assert.Equal([nameof(UpdateActionStatus.Command.Effectiveness)], done.Errors.Keys);

        var future = await Assert.ThrowsAsync<ValidationException>(() => UpdateAsync(action, ActionStatus.InProgress, Today.AddDays(1)));
        Assert.Equal(["The date cannot be in the future."], future.Errors[nameof(UpdateActionStatus.Command.Date)]);

        var early = await Assert.ThrowsAsync<ValidationException>(() => UpdateAsync(action, ActionStatus.InProgress, Today.AddDays(-1)));
        Assert.Equal(["The date cannot be before the review was approved."], early.Errors[nameof(UpdateActionStatus.Command.Date)]);

        var garbage = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync(new UpdateActionStatus.Command
        {
            ActionId = action.Id,
            Version = action.Version,
            Status = (ActionStatus)99,
            Date = null,
            Effectiveness = (Effectiveness)42,
            Note = new string('x', ReviewAction.TextMaxLength + 1),
        }));
        Assert.Equal(
            ["Date", "Effectiveness", "Note", "Status"],
            garbage.Errors.Keys.Order(StringComparer.Ordinal));

        Assert.Equal(ActionStatus.Approved, (await ActionOfAsync(action.ReviewId)).Status);
    }

    [Fact]
    public async Task Should_report_a_concurrent_update_instead_of_overwriting_it()
    {
        var action = await ActionOfAsync(await Fixture.ReviewAtAsync(ReviewStage.Approved));
        await UpdateAsync(action, ActionStatus.InProgress, Today, note: "First");

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => UpdateAsync(action, ActionStatus.Done, Today, Effectiveness.Worked, "Second"));

        var saved = await ActionOfAsync(action.ReviewId);
        Assert.Equal(ActionStatus.InProgress, saved.Status);
        Assert.Equal("First", saved.StatusNote);
    }

    [Fact]
    public async Task Should_let_an_administrator_read_but_not_update_actions()
    {
        var action = await ActionOfAsync(await Fixture.ReviewAtAsync(ReviewStage.Approved));
        await Fixture.RunAsUserAsync(Users.Admin);

        Assert.Contains((await ListAsync()).Rows, r => r.ActionId == action.Id);
        Assert.False((await Fixture.SendAsync<GetAction.Result>(new GetAction.Query(action.Id))).CanUpdate);
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => UpdateAsync(action, ActionStatus.InProgress, Today));
        Assert.Equal(ActionStatus.Approved, (await ActionOfAsync(action.ReviewId)).Status);
    }
}
