using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NPCS.Reviews.Application;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Data.Seeding;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Web.Tests.Support;
using Xunit.Abstractions;

namespace NPCS.Reviews.Web.Tests;

/// <summary>
/// The real app, as a process of its own (<c>dotnet NPCS.Reviews.Web.dll</c>, Production environment,
/// a temporary SQLite file), is killed in the middle of a burst of writes through its forms and
/// started again on the same file. The file must pass SQLite's integrity check and hold every write
/// the app had answered as saved.
/// </summary>
public sealed class KillTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Writers = 4;
    private const int AcknowledgedBeforeKill = 40;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "npcs-kill-tests", Guid.NewGuid().ToString("N"));
    private readonly List<Process> _processes = [];
    private readonly ConcurrentQueue<string> _appOutput = new();

    private string DatabasePath => Path.Combine(_directory, "reviews.db");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);

        // The demo accounts, so the burst can sign in; the app itself seeds none outside Development.
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection();
        services.AddApplication();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ICurrentUser>(AnonymousUser.Instance);
        services.AddDbContext<ReviewsDbContext>(o => o.UseSqlite($"Data Source={DatabasePath}", x => x.MigrationsAssembly("NPCS.Reviews.Migrations.Sqlite")));
        services.AddReviewsIdentityCore();
        services.AddScoped<Seeder>();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReviewsDbContext>().Database.MigrateAsync();
        await scope.ServiceProvider.GetRequiredService<Seeder>().SeedDemoAsync(AppFactory.Password);
    }

    public Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }

            process.Dispose();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Every_acknowledged_write_survives_the_app_being_killed_mid_burst()
    {
        var first = await StartAppAsync();
        var acknowledged = new ConcurrentDictionary<int, string>();
        using var burst = await SignInAsync(first.Port);
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(() => WriteUntilTheAppDiesAsync(burst, w, acknowledged, AppOutput))).ToList();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (acknowledged.Count < AcknowledgedBeforeKill && DateTime.UtcNow < deadline && writers.Any(t => !t.IsCompleted))
        {
            await Task.Delay(10);
        }

        Assert.True(acknowledged.Count >= AcknowledgedBeforeKill, $"Only {acknowledged.Count} writes were acknowledged before the deadline.\n{AppOutput()}");
        first.Process.Kill(entireProcessTree: true);
        await first.Process.WaitForExitAsync();
        var attempts = (await Task.WhenAll(writers)).Sum();
        Assert.True(attempts > acknowledged.Count, "The kill should interrupt writes still in flight.");

        // Started again on the same file: SQLite recovers from its write-ahead log as it opens it.
        var second = await StartAppAsync();
        using var client = await SignInAsync(second.Port);
        var sample = acknowledged.Keys.Max();
        Assert.Contains(acknowledged[sample], await (await client.Http.GetAsync(new Uri($"/Reviews/{sample}/EditIntake", UriKind.Relative))).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using var db = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
        await db.OpenAsync();
        Assert.Equal("ok", await ScalarAsync(db, "PRAGMA integrity_check;"));
        Assert.Equal("wal", await ScalarAsync(db, "PRAGMA journal_mode;"));
        var stored = new Dictionary<int, string>();
        await using (var command = db.CreateCommand())
        {
            command.CommandText = "SELECT Id, CaseReference FROM Reviews;";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                stored[reader.GetInt32(0)] = reader.GetString(1);
            }
        }

        var present = acknowledged.Count(a => stored.TryGetValue(a.Key, out var reference) && reference == a.Value);
        output.WriteLine($"{acknowledged.Count} writes acknowledged, {present} present after the kill ({attempts} attempted)");
        Assert.Equal(acknowledged.Count, present);
    }

    /// <summary>Records incidents through the New review form until the app stops answering; returns how many it tried.</summary>
    private static async Task<int> WriteUntilTheAppDiesAsync(AppClient client, int writer, ConcurrentDictionary<int, string> acknowledged, Func<string> appOutput)
    {
        var attempts = 0;
        try
        {
            var form = await client.GetPageAsync("/Reviews/New");
            for (var i = 0; ; i++)
            {
                var reference = string.Create(CultureInfo.InvariantCulture, $"KILL-{writer}-{i}");
                attempts++;
                var response = await client.SubmitAsync(form, "main form", Forms.ValidIntake(reference));
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"A save answered {(int)response.StatusCode}; the app said:\n{appOutput()}");
                var id = int.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);
                acknowledged[id] = reference;
            }
        }
        catch (HttpRequestException)
        {
            // The app is gone: what it answered before is what must be there.
            return attempts;
        }
    }

    private static async Task<AppClient> SignInAsync(int port)
    {
        var client = new AppClient(new HttpClient(new CookieJar(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }))
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromSeconds(30),
        });
        var response = await client.SignInAsync("caseworker@demo.local", AppFactory.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private async Task<(Process Process, int Port)> StartAppAsync()
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "NPCS.Reviews.Web.dll"));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__Reviews"] = $"Data Source={DatabasePath}";
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        _processes.Add(process);

        // Drained as it comes, or a full pipe would stall the app.
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var probe = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                if ((await probe.GetAsync(new Uri("/health", UriKind.Relative))).IsSuccessStatusCode)
                {
                    return (process, port);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"The app did not become healthy.\n{AppOutput()}");
    }

    private void Keep(string? line)
    {
        if (line is not null && _appOutput.Count < 500)
        {
            _appOutput.Enqueue(line);
        }
    }

    private string AppOutput() => string.Join('\n', _appOutput);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<string?> ScalarAsync(SqliteConnection db, string sql)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        return (await command.ExecuteScalarAsync())?.ToString();
    }

    /// <summary>
    /// Keeps cookies by hand: the app marks its sign-in cookie Secure outside Development, and a
    /// cookie container would not send it back over the plain HTTP this test listens on.
    /// </summary>
    private sealed class CookieJar(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private readonly ConcurrentDictionary<string, string> _cookies = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!_cookies.IsEmpty)
            {
                request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var values))
            {
                foreach (var pair in values.Select(v => v.Split(';')[0].Split('=', 2)).Where(p => p.Length == 2))
                {
                    _cookies[pair[0]] = pair[1];
                }
            }

            return response;
        }
    }
}
