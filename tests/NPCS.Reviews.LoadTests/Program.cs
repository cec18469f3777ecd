using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Microsoft.Data.Sqlite;

namespace NPCS.Reviews.LoadTests;

/// <summary>
/// The load and scale benchmark (issue 7): seeds a database, starts the app on Kestrel, measures a
/// baseline endpoint, then drives signed-in virtual users through a weighted mix of pages and prints
/// the table.
/// </summary>
internal static class LoadBenchmark
{
    private const string Password = "Load-Test-Password-2026!";

    // Fewer methods than this compiled in a 5 s round of the mix: the JIT has settled (about 2,500 in the first round of a run, tens once settled).
    private const long SettledJitRound = 100;

    public static async Task Main(string[] args)
    {
        var options = Options.Parse(args);
        var ownsDatabase = options.Provider == "Sqlite" && options.Connection is null;
        var databasePath = Path.Combine(Path.GetTempPath(), $"npcs-load-{Guid.NewGuid():N}.db");
        var connection = options.Connection ?? $"Data Source={databasePath}";

        Console.WriteLine($"NPCS.Reviews load benchmark: {options.Reviews:N0} reviews, {options.Jurisdictions} jurisdictions, {options.Users} users, {options.Duration} s, {options.Provider}");
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");

        try
        {
            using var host = new BenchmarkHost(options.Provider, connection);
            host.StartServer();
            var baseAddress = host.ClientOptions.BaseAddress;
            var seeded = await new BulkSeeder(host.Services, options.Reviews, options.Jurisdictions, Password).SeedAsync(CancellationToken.None);
            Console.WriteLine($"Seeded {options.Reviews:N0} reviews in {seeded.Elapsed.TotalSeconds:F1} s (Demo County: {seeded.DemoReviewCount:N0}; {seeded.DebriefReviews.Count} at Debrief).");
            if (seeded.DebriefPoints.Count == 0 || seeded.ApprovedReviews.Count == 0)
            {
                throw new InvalidOperationException("The seed gave Demo County no approved review or no review at Debrief; use more reviews.");
            }

            // Each virtual user has a Supervisor session (reads, trends) and a facilitator session (the debrief saves).
            var users = new List<(VirtualUser Supervisor, VirtualUser Facilitator)>();
            for (var n = 0; n < options.Users; n++)
            {
                var supervisor = new VirtualUser(baseAddress);
                await supervisor.SignInAsync("supervisor@demo.local", Password);
                var facilitator = new VirtualUser(baseAddress);
                await facilitator.SignInAsync("facilitator@demo.local", Password);
                users.Add((supervisor, facilitator));
            }

            var deepPage = Math.Max(1, (seeded.DemoReviewCount / 25) - 1);
            var operations = new Operation[]
            {
                new("Reviews list, first page", 15, (u, r, _) => u.Supervisor.GetAsync("/Reviews")),
                new($"Reviews list, page {deepPage}", 5, (u, r, _) => u.Supervisor.GetAsync($"/Reviews?p={deepPage}")),
                new("Reviews list, stage filter", 8, (u, r, _) => u.Supervisor.GetAsync("/Reviews?Stage=Debrief")),
                // Part of a case reference (LOAD-0012300 to LOAD-0012399 for "LOAD-00123"): a handful of the jurisdiction's reviews.
                new("Reviews list, search", 8, (u, r, _) => u.Supervisor.GetAsync($"/Reviews?Search=LOAD-00{r.Next(100, 1000)}")),
                new("Review overview", 20, (u, r, _) => u.Supervisor.GetAsync($"/Reviews/{Any(r, seeded.ApprovedReviews)}")),
                new("Family needs", 10, (u, r, _) => u.Supervisor.GetAsync($"/Reviews/{Any(r, seeded.ApprovedReviews)}/FamilyNeeds")),
                new("Findings", 10, (u, r, _) => u.Supervisor.GetAsync($"/Reviews/{Any(r, seeded.ApprovedReviews)}/Findings")),
                new("Save a decision point (GET+POST)", 6, (u, r, i) =>
                {
                    // Each user edits its own review's point, so no two users race for one version.
                    var (review, point) = seeded.DebriefPoints[i.User % seeded.DebriefPoints.Count];
                    return u.Facilitator.SaveDecisionPointAsync(review, point, i.Round);
                }),
                new("Actions", 8, (u, r, _) => u.Supervisor.GetAsync("/Actions")),
                new("Trends dashboard", 5, (u, r, _) => u.Supervisor.GetAsync("/Trends")),
            };
            var baseline = new Operation("Baseline (one row by key)", 0, (u, r, _) => u.Supervisor.GetAsync($"{BenchmarkHost.BaselinePath}?id={r.Next(1, options.Jurisdictions + 1)}"));

            // Warm-up: the first request of each page compiles its views and queries.
            foreach (var operation in operations.Append(baseline))
            {
                for (var n = 0; n < 3; n++)
                {
                    await operation.Run(users[0], new Random(n), new Iteration(0, n));
                }
            }

            // Then the mix and the baseline unmeasured for a while: the runtime recompiles the hot code
            // with its optimizing tier in the background during the first seconds of load, and that
            // start-up is not what the pages cost once the app has been up for a minute. On 2 cores the
            // background compiler takes 20 to 30 s of load to settle, so after the minimum the warm-up
            // goes on in rounds until one compiles few methods (or a minute more has passed).
            if (options.Warmup > 0)
            {
                Console.WriteLine($"Warm-up (not measured): the mix for at least {options.Warmup} s and until the JIT has settled, then the baseline for {Math.Min(options.Warmup, 3)} s ...");
                var warmed = Stopwatch.StartNew();
                var compiled = JitInfo.GetCompiledMethodCount();
                await Driver.RunAsync(users, operations, TimeSpan.FromSeconds(options.Warmup), TimeSpan.FromMilliseconds(options.Think));
                for (var round = 0; round < 12 && JitInfo.GetCompiledMethodCount() - compiled > SettledJitRound; round++)
                {
                    compiled = JitInfo.GetCompiledMethodCount();
                    await Driver.RunAsync(users, operations, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(options.Think));
                }

                await Driver.RunAsync(users, [baseline], TimeSpan.FromSeconds(Math.Min(options.Warmup, 3)));
                Console.WriteLine($"Warm-up took {warmed.Elapsed.TotalSeconds:F0} s.");
            }

            // The seed's garbage is not the app's: the load phases' memory is sampled on its own.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            using var sampler = new MemorySampler();
            var baselineSeconds = Math.Min(15, options.Duration);
            Console.WriteLine($"Baseline: {options.Users} users for {baselineSeconds} s ...");
            var baselineStats = await Driver.RunAsync(users, [baseline], TimeSpan.FromSeconds(baselineSeconds));
            Console.WriteLine(options.Think > 0
                ? $"Mix: {options.Users} users for {options.Duration} s, each pausing {options.Think} ms on average between requests ..."
                : $"Mix: {options.Users} users for {options.Duration} s, each sending its next request as soon as the last is answered ...");
            var compiledBefore = JitInfo.GetCompiledMethodCount();
            var collections = GcCollections.Now();
            var mixStats = await Driver.RunAsync(users, operations, TimeSpan.FromSeconds(options.Duration), TimeSpan.FromMilliseconds(options.Think));
            var compiledInMix = JitInfo.GetCompiledMethodCount() - compiledBefore;
            var collectedInMix = GcCollections.Now() - collections;

            // Each page alone, against the baseline measured beside it: the page and the baseline take
            // turns in one-second slices, so a machine that speeds up or slows down between phases (this
            // one moves by 10 to 15% from one minute to the next) moves both sides of the ratio alike.
            var alone = new Dictionary<string, Alone>();
            if (options.Alone > 0)
            {
                Console.WriteLine($"Each page alone: {options.Users} users for {options.Alone} s each, in one-second turns with as many of the baseline ...");
                foreach (var operation in operations)
                {
                    alone[operation.Name] = await Alone.MeasureAsync(users, operation, baseline, options.Alone);
                }
            }

            var baselineResult = baselineStats[baseline.Name].Summarize(baselineSeconds);
            Console.WriteLine();
            Console.WriteLine("| page | weight | requests | errors | p50 ms | p95 ms | p99 ms | req/s in the mix | req/s alone | baseline beside it, req/s | alone / baseline |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            Console.WriteLine(Row(baseline.Name, "-", baselineResult, (Rate(baselineResult.Throughput), "-", "100 %")));
            foreach (var operation in operations)
            {
                var result = mixStats[operation.Name].Summarize(options.Duration);
                var solo = alone.GetValueOrDefault(operation.Name);
                result = result with { Errors = result.Errors + (solo?.Errors ?? 0) };
                Console.WriteLine(Row(operation.Name, operation.Weight.ToString(CultureInfo.InvariantCulture), result, solo is null
                    ? ("-", "-", "-")
                    : (Rate(solo.Throughput), Rate(solo.BaselineThroughput), solo.Ratio.ToString("P0", CultureInfo.InvariantCulture))));
            }

            var all = mixStats.Values.Sum(s => s.Count);
            Console.WriteLine();
            Console.WriteLine($"Mix total: {all:N0} requests, {mixStats.Values.Sum(s => s.Errors):N0} errors, {all / (double)options.Duration:F1} req/s.");
            Console.WriteLine($"Methods compiled by the JIT during the mix: {compiledInMix:N0}.");
            Console.WriteLine($"Garbage collections during the mix: {collectedInMix}.");
            Console.WriteLine($"Peak memory while under load (working set sampled every 100 ms; app and load clients share the process): {sampler.Peak / 1024.0 / 1024.0:F0} MB.");
            Console.WriteLine($"Peak memory of the whole run (Process.PeakWorkingSet64, seeding included): {Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0:F0} MB.");
            Console.WriteLine($"Seed time: {seeded.Elapsed.TotalSeconds:F1} s for {options.Reviews:N0} reviews.");
            foreach (var (supervisor, facilitator) in users)
            {
                supervisor.Dispose();
                facilitator.Dispose();
            }
        }
        finally
        {
            if (ownsDatabase)
            {
                SqliteConnection.ClearAllPools();
                foreach (var file in new[] { databasePath, databasePath + "-wal", databasePath + "-shm" }.Where(File.Exists))
                {
                    File.Delete(file);
                }
            }
        }
    }

    private static int Any(Random random, IReadOnlyList<int> ids) => ids[random.Next(ids.Count)];

    private static string Rate(double perSecond) => perSecond.ToString("F1", CultureInfo.InvariantCulture);

    // The last three columns (alone, the baseline beside it, the ratio) come formatted: "-" without the alone phase (--alone 0).
    private static string Row(string name, string weight, Summary s, (string Rate, string Beside, string Ratio) alone) =>
        string.Create(CultureInfo.InvariantCulture, $"| {name} | {weight} | {s.Requests:N0} | {s.Errors} | {s.P50:F1} | {s.P95:F1} | {s.P99:F1} | {s.Throughput:F1} | {alone.Rate} | {alone.Beside} | {alone.Ratio} |");
}

/// <summary>
/// A page driven alone by every user, in one-second turns with the baseline: requests completed per
/// second of each (over the turns' measured time, the last requests' drain included), and the
/// page's errors.
/// </summary>
internal sealed record Alone(double Throughput, double BaselineThroughput, int Errors)
{
    public double Ratio => Throughput / BaselineThroughput;

    public static async Task<Alone> MeasureAsync(
        IReadOnlyList<(VirtualUser Supervisor, VirtualUser Facilitator)> users, Operation page, Operation baseline, int seconds)
    {
        var turn = TimeSpan.FromSeconds(1);
        var (pageCount, pageErrors, pageTime) = (0, 0, TimeSpan.Zero);
        var (baselineCount, baselineTime) = (0, TimeSpan.Zero);
        for (var n = 0; n < seconds; n++)
        {
            var started = Stopwatch.GetTimestamp();
            var stats = (await Driver.RunAsync(users, [page], turn))[page.Name];
            pageTime += Stopwatch.GetElapsedTime(started);
            (pageCount, pageErrors) = (pageCount + stats.Count, pageErrors + stats.Errors);

            started = Stopwatch.GetTimestamp();
            baselineCount += (await Driver.RunAsync(users, [baseline], turn))[baseline.Name].Count;
            baselineTime += Stopwatch.GetElapsedTime(started);
        }

        return new Alone(pageCount / pageTime.TotalSeconds, baselineCount / baselineTime.TotalSeconds, pageErrors);
    }
}

/// <summary>The garbage collections of each generation so far and the time the app was paused for them.</summary>
internal readonly record struct GcCollections(int Gen0, int Gen1, int Gen2, TimeSpan Paused)
{
    public static GcCollections Now() => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());

    public static GcCollections operator -(GcCollections after, GcCollections before) =>
        new(after.Gen0 - before.Gen0, after.Gen1 - before.Gen1, after.Gen2 - before.Gen2, after.Paused - before.Paused);

    // A gen1 collection is counted in gen0 too, a gen2 in both: the counts say how many reached each generation.
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Gen0:N0} (gen1 {Gen1:N0}, gen2 {Gen2:N0}), the app paused {Paused.TotalMilliseconds:N0} ms in all");
}
