using Microsoft.Extensions.Options;

namespace NPCS.Reviews.Application.Common;

/// <summary>
/// A query that counts over a period's reviews (the trends dashboard, the annual summary): it takes
/// a processor for several milliseconds, so only <see cref="AnalyticsOptions.MaxConcurrent"/> of
/// them run at once (<see cref="Behaviors.AnalyticsBehavior{TMessage, TResponse}"/>).
/// </summary>
public interface IAnalyticQuery;

/// <summary>How many analytic queries one instance of the app computes at once.</summary>
public sealed class AnalyticsOptions
{
    public const string Section = "Analytics";

    public const string TooLowMessage = "Analytics:MaxConcurrent must be at least 1.";

    /// <summary>
    /// At most this many run at once; the others wait their turn, in order. Default: one fewer than
    /// the processors (at least one), so that dashboards never hold every processor while
    /// caseworkers open forms and lists.
    /// </summary>
    public int MaxConcurrent { get; set; } = Math.Max(1, Environment.ProcessorCount - 1);
}

/// <summary>The slots analytic queries take, one process-wide set (a bulkhead).</summary>
public sealed class AnalyticsGate(IOptions<AnalyticsOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.Value.MaxConcurrent));

    /// <summary>Slots free now.</summary>
    public int Free => _slots.CurrentCount;

    /// <summary>Waits for a slot, first come first served; cancelled with the request, without taking one.</summary>
    public Task EnterAsync(CancellationToken cancellationToken) => _slots.WaitAsync(cancellationToken);

    /// <summary>Gives back the slot <see cref="EnterAsync"/> took.</summary>
    public void Leave() => _slots.Release();

    public void Dispose() => _slots.Dispose();
}
