using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NPCS.Reviews.Application.Behaviors;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Features.Trends;
using NPCS.Reviews.Tests.Support;

namespace NPCS.Reviews.Tests.Behaviors;

public class AnalyticsBehaviorTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Should_run_one_analytic_query_at_a_time_when_one_slot_is_configured_and_let_the_next_in_when_it_ends()
    {
        using var gate = new AnalyticsGate(Options.Create(new AnalyticsOptions { MaxConcurrent = 1 }));
        var first = new Step();
        var second = new Step();

        var firstRun = Behavior<GetTrends.Query>(gate).Handle(new GetTrends.Query(), first.Next, CancellationToken.None).AsTask();
        await first.Started.Task.WaitAsync(Patience);
        var secondRun = Behavior<GetTrends.Query>(gate).Handle(new GetTrends.Query(), second.Next, CancellationToken.None).AsTask();

        // The second waits for the first's slot: its handler has not started.
        await Task.Delay(200);
        Assert.False(second.Started.Task.IsCompleted);
        Assert.Equal(0, gate.Free);

        first.Finish.SetResult();
        Assert.Equal(1, await firstRun.WaitAsync(Patience));
        await second.Started.Task.WaitAsync(Patience);
        second.Finish.SetResult();
        Assert.Equal(1, await secondRun.WaitAsync(Patience));
        Assert.Equal(1, gate.Free);
    }

    [Fact]
    public async Task Should_let_every_other_message_through_while_the_slots_are_taken()
    {
        using var gate = new AnalyticsGate(Options.Create(new AnalyticsOptions { MaxConcurrent = 1 }));
        var dashboard = new Step();
        var dashboardRun = Behavior<GetTrends.Query>(gate).Handle(new GetTrends.Query(), dashboard.Next, CancellationToken.None).AsTask();
        await dashboard.Started.Task.WaitAsync(Patience);

        var page = new Step();
        page.Finish.SetResult();
        Assert.Equal(1, await Behavior<Other>(gate).Handle(new Other(), page.Next, CancellationToken.None).AsTask().WaitAsync(Patience));

        dashboard.Finish.SetResult();
        await dashboardRun.WaitAsync(Patience);
    }

    [Fact]
    public async Task Should_take_no_slot_for_a_request_cancelled_while_it_waits_and_give_the_slot_back_when_the_handler_fails()
    {
        using var gate = new AnalyticsGate(Options.Create(new AnalyticsOptions { MaxConcurrent = 1 }));
        var first = new Step();
        var firstRun = Behavior<GetAnnualSummary.Query>(gate).Handle(new GetAnnualSummary.Query(), first.Next, CancellationToken.None).AsTask();
        await first.Started.Task.WaitAsync(Patience);

        using var leaving = new CancellationTokenSource();
        var waiting = new Step();
        var waitingRun = Behavior<GetTrends.Query>(gate).Handle(new GetTrends.Query(), waiting.Next, leaving.Token).AsTask();
        await leaving.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waitingRun.WaitAsync(Patience));
        Assert.False(waiting.Started.Task.IsCompleted);

        first.Finish.SetException(new InvalidOperationException("The handler failed."));
        await Assert.ThrowsAsync<InvalidOperationException>(() => firstRun.WaitAsync(Patience));
        Assert.Equal(1, gate.Free);
    }

    [Fact]
    public void Should_default_to_one_slot_fewer_than_the_processors_and_never_none()
    {
        Assert.Equal(Math.Max(1, Environment.ProcessorCount - 1), new AnalyticsOptions().MaxConcurrent);
        using var gate = new AnalyticsGate(Options.Create(new AnalyticsOptions { MaxConcurrent = 0 }));
        Assert.Equal(1, gate.Free);
    }

    private static AnalyticsBehavior<TMessage, int> Behavior<TMessage>(AnalyticsGate gate)
        where TMessage : IMessage => new(gate);

    private sealed record Other : IQuery<int>;

    /// <summary>A handler that says when it starts and ends when the test says.</summary>
    private sealed class Step
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Finish { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async ValueTask<int> Next<TMessage>(TMessage message, CancellationToken cancellationToken)
        {
            Started.TrySetResult();
            await Finish.Task;
            return 1;
        }
    }
}

public class AnalyticsPipelineTests(SliceFixture fixture) : SliceTest(fixture, Users.Supervisor)
{
    [Fact]
    public async Task Should_hold_the_dashboard_in_the_mediator_pipeline_until_a_slot_is_free_and_nothing_else()
    {
        var gate = Fixture.Services.GetRequiredService<AnalyticsGate>();
        var slots = gate.Free;
        for (var i = 0; i < slots; i++)
        {
            await gate.EnterAsync(CancellationToken.None);
        }

        Task<GetTrends.Result> dashboard;
        try
        {
            dashboard = Fixture.SendAsync<GetTrends.Result>(new GetTrends.Query());
            await Task.Delay(300);
            Assert.False(dashboard.IsCompleted);

            // The filter's choices are not an analytic query: they are answered meanwhile.
            var choices = await Fixture.SendAsync<GetTrends.Choices>(new GetTrends.ChoicesQuery()).WaitAsync(TimeSpan.FromSeconds(10));
            Assert.False(choices.IsAnalyst);
        }
        finally
        {
            for (var i = 0; i < slots; i++)
            {
                gate.Leave();
            }
        }

        var result = await dashboard.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(GetTrends.Source.Own, result.Source);
        Assert.Equal(slots, gate.Free);
    }
}
