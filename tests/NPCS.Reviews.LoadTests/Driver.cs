using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace NPCS.Reviews.LoadTests;

internal sealed record Iteration(int User, int Round);

internal sealed record Operation(string Name, int Weight, Func<(VirtualUser Supervisor, VirtualUser Facilitator), Random, Iteration, Task<bool>> Run);

/// <summary>One page's requests, errors, latency percentiles (ms) and completed requests per second over a phase.</summary>
internal sealed record Summary(int Requests, int Errors, double P50, double P95, double P99, double Throughput);

internal sealed class PageStats
{
    private readonly ConcurrentBag<double> _latencies = [];
    private int _errors;

    public int Count => _latencies.Count;

    public int Errors => _errors;

    public void Add(double milliseconds, bool ok)
    {
        _latencies.Add(milliseconds);
        if (!ok)
        {
            Interlocked.Increment(ref _errors);
        }
    }

    public Summary Summarize(double seconds)
    {
        var sorted = _latencies.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new Summary(0, _errors, 0, 0, 0, 0);
        }

        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return new Summary(sorted.Length, _errors, At(0.50), At(0.95), At(0.99), sorted.Length / seconds);
    }
}

internal static class Driver
{
    /// <summary>
    /// Every user loops until the time is up: picks an operation by weight, runs it, records its latency
    /// and outcome, then pauses for a random time between none and twice <paramref name="think"/> (no
    /// pause by default: each user sends its next request as soon as the last one is answered).
    /// </summary>
    public static async Task<Dictionary<string, PageStats>> RunAsync(
        IReadOnlyList<(VirtualUser Supervisor, VirtualUser Facilitator)> users, IReadOnlyList<Operation> operations, TimeSpan duration, TimeSpan think = default)
    {
        var stats = operations.ToDictionary(o => o.Name, _ => new PageStats());
        var total = Math.Max(1, operations.Sum(o => o.Weight));
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(users.Select((user, index) => Task.Run(async () =>
        {
            var random = new Random(index + 1);
            for (var round = 0; Stopwatch.GetTimestamp() < until; round++)
            {
                var operation = operations.Count == 1 ? operations[0] : Choose(operations, random.Next(total));
                var started = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    ok = await operation.Run(user, random, new Iteration(index, round));
                }
                catch (HttpRequestException)
                {
                    ok = false;
                }
                catch (TaskCanceledException)
                {
                    ok = false;
                }

                stats[operation.Name].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds, ok);
                if (think > TimeSpan.Zero)
                {
                    await Task.Delay(think * (random.NextDouble() * 2));
                }
            }
        })));
        return stats;
    }

    private static Operation Choose(IReadOnlyList<Operation> operations, int roll)
    {
        foreach (var operation in operations)
        {
            if (roll < operation.Weight)
            {
                return operation;
            }

            roll -= operation.Weight;
        }

        return operations[^1];
    }
}

internal sealed record Options(int Reviews, int Users, int Duration, string Provider, string? Connection, int Jurisdictions, int Alone, int Think, int Warmup)
{
    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var n = 0; n + 1 < args.Length; n += 2)
        {
            if (!args[n].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unknown argument '{args[n]}'. Options: --reviews N --users N --duration SECONDS --provider sqlite|sqlserver --connection STRING --jurisdictions N --alone SECONDS --think MILLISECONDS --warmup SECONDS");
            }

            values[args[n][2..]] = args[n + 1];
        }

        int Number(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var provider = values.GetValueOrDefault("provider", "sqlite").ToUpperInvariant() switch
        {
            "SQLITE" => "Sqlite",
            "SQLSERVER" => "SqlServer",
            var other => throw new ArgumentException($"--provider must be sqlite or sqlserver, not {other}."),
        };
        var connection = values.GetValueOrDefault("connection");
        if (provider == "SqlServer" && connection is null)
        {
            throw new ArgumentException("--provider sqlserver needs --connection with the SQL Server connection string (an empty database).");
        }

        return new Options(Number("reviews", 100_000), Number("users", 32), Number("duration", 60), provider, connection, Math.Max(2, Number("jurisdictions", 20)), Number("alone", 5), Math.Max(0, Number("think", 0)), Math.Max(0, Number("warmup", 10)));
    }
}

/// <summary>The highest working set seen while it runs, read every 100 ms.</summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly Timer _timer;
    private long _peak;

    public MemorySampler() => _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));

    public long Peak
    {
        get
        {
            Sample();
            return Interlocked.Read(ref _peak);
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Sample()
    {
        using var process = Process.GetCurrentProcess();
        var now = process.WorkingSet64;
        long seen;
        while (now > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen)
        {
        }
    }
}
