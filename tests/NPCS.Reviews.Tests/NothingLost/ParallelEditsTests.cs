using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Features.FamilyNeeds;
using NPCS.Reviews.Application.Features.Intake;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.Tests.Support;
using Xunit.Abstractions;

namespace NPCS.Reviews.Tests.NothingLost;

/// <summary>
/// Twenty people save the same record at the same moment, each from the form they loaded (the same
/// version): each save runs in its own scope and DbContext against the same SQLite file, as twenty
/// web requests would. Exactly one is stored; the other nineteen are told of the conflict; no
/// update is silently lost and the history has one line for the one change.
/// </summary>
public class ParallelEditsTests(SliceFixture fixture, ITestOutputHelper output) : SliceTest(fixture, Users.Facilitator)
{
    private const int Editors = 20;

    [Fact]
    public async Task Should_store_one_of_twenty_parallel_intake_edits_and_refuse_the_other_nineteen()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Intake);
        var forms = new List<EditIntake.Command>();
        for (var i = 0; i < Editors; i++)
        {
            var form = await Fixture.SendAsync<EditIntake.Command>(new EditIntake.Query(id));
            form.Summary = $"Edit number {i}";
            forms.Add(form);
        }

        Assert.Single(forms.Select(f => f.Version).Distinct());

        var (winners, refused) = await SaveAllAtOnceAsync(id, forms, f => f.Summary!);

        var stored = await Fixture.QueryDbAsync(db => db.Reviews.IgnoreQueryFilters().SingleAsync(r => r.Id == id));
        Assert.Equal(winners.Single(), stored.Summary);
        Assert.Equal(Editors - 1, refused);
        output.WriteLine($"{Editors} parallel edits: {winners.Count} saved, {refused} refused");
    }

    [Fact]
    public async Task Should_store_one_of_twenty_parallel_need_edits_and_refuse_the_other_nineteen()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.FamilyNeeds);
        await Fixture.SendAsync(new AddNeed.Command
        {
            Id = id,
            Category = NeedCategory.Housing,
            Description = "Stable housing",
            Status = NeedStatus.IdentifiedUnmet,
            Barriers = [NeedBarrier.Waitlist],
        });
        var needId = await Fixture.QueryDbAsync(db => db.Needs.IgnoreQueryFilters().Where(n => n.ReviewId == id).Select(n => n.Id).SingleAsync());
        var forms = new List<EditNeed.Command>();
        for (var i = 0; i < Editors; i++)
        {
            var form = await Fixture.SendAsync<EditNeed.Command>(new EditNeed.Query(id, needId));
            form.Description = $"Need as seen by editor {i}";
            forms.Add(form);
        }

        var (winners, refused) = await SaveAllAtOnceAsync(id, forms, f => f.Description!);

        var stored = await Fixture.QueryDbAsync(db => db.Needs.IgnoreQueryFilters().SingleAsync(n => n.Id == needId));
        Assert.Equal(winners.Single(), stored.Description);
        Assert.Equal(Editors - 1, refused);
        output.WriteLine($"{Editors} parallel need edits: {winners.Count} saved, {refused} refused");
    }

    /// <summary>
    /// Sends every form at once (released together by a gate) and returns what the winners wrote and
    /// how many were refused as conflicts; any other outcome fails the test. Checks the history gained
    /// exactly one line.
    /// </summary>
    private async Task<(List<string> Winners, int Refused)> SaveAllAtOnceAsync<TCommand>(int reviewId, List<TCommand> forms, Func<TCommand, string> written)
        where TCommand : Mediator.IMessage
    {
        var linesBefore = await HistoryLinesAsync(reviewId);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var saves = forms.Select(form => Task.Run(async () =>
        {
            await gate.Task;
            try
            {
                await Fixture.SendAsync(form);
                return written(form);
            }
            catch (ConcurrencyConflictException)
            {
                return null;
            }
        })).ToList();
        gate.SetResult();
        var outcomes = await Task.WhenAll(saves);

        var winners = outcomes.OfType<string>().ToList();
        Assert.Single(winners);
        Assert.Equal(linesBefore + 1, await HistoryLinesAsync(reviewId));
        return (winners, outcomes.Count(o => o is null));
    }

    private Task<int> HistoryLinesAsync(int reviewId) =>
        Fixture.QueryDbAsync(db => db.ReviewChanges.IgnoreQueryFilters().CountAsync(c => c.ReviewId == reviewId));
}
