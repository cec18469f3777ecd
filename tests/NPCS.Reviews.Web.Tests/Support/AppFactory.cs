using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Data.Seeding;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.TestSupport;
using NPCS.Reviews.Web.Infrastructure;

namespace NPCS.Reviews.Web.Tests.Support;

/// <summary>
/// The whole app in memory, in a non-Development environment (as in production: no demo seeding,
/// secure cookies, friendly error pages), on its own SQLite file; the demo accounts are added by the
/// fixture so the pages can be driven as each role.
/// </summary>
public sealed class AppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "Web-Test-Password-2026!";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "npcs-web-tests", Guid.NewGuid().ToString("N"));

    /// <summary>What the app logged, through its real Serilog pipeline.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>The SQL commands of each request that asks to be counted (<see cref="SqlCommandCounter.Header"/>).</summary>
    public SqlCommandCounter SqlCommands { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        Directory.CreateDirectory(_directory);
        builder.UseEnvironment("Testing");
        builder.UseStaticWebAssets();
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Reviews", $"Data Source={Path.Combine(_directory, "reviews.db")}");

        // Every test client shares one address; the sign-in rate limit has its own test (SignInRateLimitTests).
        builder.UseSetting(SignInRateLimit.PermitLimitSetting, "100000");

        // The app's Serilog configuration reads sinks from the container (ReadFrom.Services).
        builder.ConfigureServices(services => services.AddSingleton<Serilog.Core.ILogEventSink>(Logs));
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ClientAddressFilter>());
        builder.ConfigureServices(services => services
            .AddSingleton<IStartupFilter>(SqlCommands)
            .ConfigureDbContext<ReviewsDbContext>(options => options.AddInterceptors(SqlCommands)));
    }

    public async Task InitializeAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Seeder>().SeedDemoAsync(Password);
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    public AppClient CreateAppClient() => CreateAppClient(this);

    /// <summary>A browser-like client of <paramref name="host"/>: this app, or a copy with other settings (<c>WithWebHostBuilder</c>).</summary>
    public static AppClient CreateAppClient(WebApplicationFactory<Program> host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return new(host.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = true,
            BaseAddress = new Uri("https://localhost"),
        }));
    }

    /// <summary>Lifts a lockout a test caused, so the other tests of its class can use the account.</summary>
    public Task UnlockAsync(string email) => QueryDbAsync(async db =>
    {
        var user = await db.Users.SingleAsync(u => u.Email == email);
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        return await db.SaveChangesAsync();
    });

    public Task<string> UserIdAsync(string email) => QueryDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    public async Task<AppClient> SignInAsync(string email)
    {
        var client = CreateAppClient();
        var response = await client.SignInAsync(email, Password);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Reads the database as it really is, without the jurisdiction filters.</summary>
    public async Task<T> QueryDbAsync<T>(Func<ReviewsDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ReviewsDbContext>());
    }

    /// <summary>A new Demo County review at the given stage (see <see cref="ReviewScene"/>).</summary>
    public async Task<int> ReviewAtAsync(ReviewStage stage)
    {
        await using var scope = Services.CreateAsyncScope();
        return await ReviewScene.CreateAtAsync(
            scope.ServiceProvider.GetRequiredService<ReviewsDbContext>(),
            scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(),
            stage,
            TimeProvider.System.GetUtcNow());
    }

    public Task<int> ReviewCountAsync() => QueryDbAsync(db => db.Reviews.IgnoreQueryFilters().CountAsync());
}

/// <summary>
/// The in-memory test server gives requests no remote address; here each gets one, as behind a real
/// network: <see cref="ClientAddressFilter.Header"/> names it (a test playing two clients), else <see cref="ClientAddressFilter.Default"/>.
/// </summary>
internal sealed class ClientAddressFilter : IStartupFilter
{
    public const string Header = "X-Test-Client-Address";
    public static readonly System.Net.IPAddress Default = System.Net.IPAddress.Parse("192.0.2.10");

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, proceed) =>
        {
            context.Connection.RemoteIpAddress ??= context.Request.Headers.TryGetValue(Header, out var value) && System.Net.IPAddress.TryParse(value, out var given)
                ? given
                : Default;
            await proceed();
        });
        next(app);
    };
}
