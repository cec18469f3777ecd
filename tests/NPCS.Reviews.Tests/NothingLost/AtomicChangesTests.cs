using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Features.Approval;
using NPCS.Reviews.Application.Features.Reviews;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.Tests.Support;
using Xunit.Abstractions;

namespace NPCS.Reviews.Tests.NothingLost;

/// <summary>
/// Approval, return and reopening each change several rows (the review's stage, its actions, the
/// history lines) in one save. The database is made to fail at each write of that save in turn, after
/// the writes before it have run: every time, the review, its actions and its history must be exactly
/// as they were, because the whole save is one transaction.
/// </summary>
public class AtomicChangesTests(SliceFixture fixture, ITestOutputHelper output) : SliceTest(fixture, Users.Supervisor)
{
    public static TheoryData<string> Changes => ["Approve", "Return", "Reopen"];

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task Should_leave_no_partial_change_when_the_save_fails_at_any_of_its_writes(string change)
    {
        var (stage, apply, expected) = Change(change);

        // A save that succeeds shows how many writes the change makes, and what it changes.
        var probe = await Fixture.ReviewAtAsync(stage);
        Fixture.Faults.Count();
        await apply(probe);
        var writes = Fixture.Faults.Writes;
        Assert.True(writes >= 2, $"{change} made {writes} writes; the test expects a change of several rows.");
        Assert.Equal(expected, (await StateAsync(probe)).Stage);

        for (var failAt = 1; failAt <= writes; failAt++)
        {
            var id = await Fixture.ReviewAtAsync(stage);
            var before = await StateAsync(id);
            Fixture.Faults.Arm(failAt);
            try
            {
                var error = await Assert.ThrowsAnyAsync<Exception>(() => apply(id));
                Assert.True(Caused(error), $"{change}, write {failAt}: failed with {error.GetType().Name}, not the injected failure.");
            }
            finally
            {
                Fixture.Faults.Disarm();
            }

            Assert.Equal(before, await StateAsync(id));
        }

        output.WriteLine($"{change}: a failure injected at each of its {writes} writes left no partial state");
    }

    private (ReviewStage Stage, Func<int, Task> Apply, ReviewStage Expected) Change(string change) => change switch
    {
        "Approve" => (ReviewStage.Approval, async id => await Fixture.SendAsync(new ApproveReview.Command(id, await VersionAsync(id))), ReviewStage.Approved),
        "Return" => (ReviewStage.Approval, async id => await Fixture.SendAsync(new ReturnReview.Command { Id = id, Version = await VersionAsync(id), Comments = "Rate the finding again." }), ReviewStage.Findings),
        "Reopen" => (ReviewStage.Approved, async id => await Fixture.SendAsync(new ReopenStep.Command { Id = id, Version = await VersionAsync(id), Step = ReviewStage.Findings, Reason = "A new report from the hospital." }), ReviewStage.Findings),
        _ => throw new ArgumentOutOfRangeException(nameof(change)),
    };

    private static bool Caused(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            if (error is InjectedFailureException)
            {
                return true;
            }
        }

        return false;
    }

    private Task<Guid> VersionAsync(int id) => Fixture.QueryDbAsync(db => db.Reviews.IgnoreQueryFilters().Where(r => r.Id == id).Select(r => r.Version).SingleAsync());

    /// <summary>Everything the changes touch, as stored: the review's workflow columns, its actions and its history.</summary>
    private Task<State> StateAsync(int id) => Fixture.QueryDbAsync(async db =>
    {
        var review = await db.Reviews.IgnoreQueryFilters().AsNoTracking().SingleAsync(r => r.Id == id);
        var actions = await db.ReviewActions.IgnoreQueryFilters().AsNoTracking().Where(a => a.ReviewId == id).OrderBy(a => a.Id)
            .Select(a => $"{a.Id}:{a.Status}:{a.Version}").ToListAsync();
        var history = await db.ReviewChanges.IgnoreQueryFilters().CountAsync(c => c.ReviewId == id);
        return new State(
            review.Stage,
            review.Version,
            $"{review.ApprovedByUserId}|{review.ApprovedAt}|{review.ReturnComments}|{review.ReturnedAt}|{review.ReopenReason}|{review.ReopenedAt}",
            string.Join(",", actions),
            history);
    });

    private sealed record State(ReviewStage Stage, Guid Version, string Decisions, string Actions, int HistoryLines);
}
