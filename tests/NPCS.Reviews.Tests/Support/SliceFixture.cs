using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NPCS.Reviews.Application;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Data.Seeding;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.TestSupport;

namespace NPCS.Reviews.Tests.Support;

/// <summary>
/// Handlers against a real SQLite file, one per test class: the real pipeline (logging, authorization,
/// validation), the real DbContext with its jurisdiction filters, and the demo jurisdictions and users.
/// </summary>
public sealed class SliceFixture : IAsyncLifetime
{
    public const string Password = "Test-Password-2026!";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "npcs-tests", Guid.NewGuid().ToString("N"));
    private ServiceProvider? _services;

    public TestCurrentUser CurrentUser { get; } = new();

    public FixedTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 20, 15, 0, 0, TimeSpan.Zero));

    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>Disarmed unless a test arms it to fail a save part-way.</summary>
    public CommandFaults Faults { get; } = new();

    public IServiceProvider Services => _services ?? throw new InvalidOperationException("Fixture not initialized.");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        ConnectionString = $"Data Source={Path.Combine(_directory, "reviews.db")}";
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection();
        services.AddApplication();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<ICurrentUser>(CurrentUser);
        services.AddDbContext<ReviewsDbContext>(o => o.UseSqlite(ConnectionString, x => x.MigrationsAssembly("NPCS.Reviews.Migrations.Sqlite")).AddInterceptors(Faults));
        services.AddReviewsIdentityCore();
        services.AddScoped<Seeder>();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReviewsDbContext>().Database.MigrateAsync();
        await scope.ServiceProvider.GetRequiredService<Seeder>().SeedDemoAsync(Password);
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Acts as a demo user from now on (by email), with their real id, jurisdiction and role.</summary>
    public async Task RunAsUserAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}.");
        CurrentUser.Set(user.Id, user.JurisdictionId, await users.GetRolesAsync(user));
    }

    public void RunAsAnonymous() => CurrentUser.Set(null, null, []);

    /// <summary>Sends through the whole pipeline in a fresh scope, as one web request would.</summary>
    public async Task<TResponse> SendAsync<TResponse>(IMessage request) =>
        await ExecuteScopeAsync(async sp => (TResponse)(await sp.GetRequiredService<IMediator>().Send((object)request))!);

    public Task SendAsync(IMessage request) => ExecuteScopeAsync(async sp => await sp.GetRequiredService<IMediator>().Send((object)request));

    public async Task<T> ExecuteScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public async Task ExecuteScopeAsync(Func<IServiceProvider, Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = Services.CreateAsyncScope();
        await action(scope.ServiceProvider);
    }

    /// <summary>Reads with the jurisdiction filters switched off, to check what is really stored.</summary>
    public Task<T> QueryDbAsync<T>(Func<ReviewsDbContext, Task<T>> query) =>
        ExecuteScopeAsync(sp => query(sp.GetRequiredService<ReviewsDbContext>()));

    /// <summary>A new Demo County review at the given stage (see <see cref="ReviewScene"/>).</summary>
    public Task<int> ReviewAtAsync(ReviewStage stage) => ExecuteScopeAsync(sp => ReviewScene.CreateAtAsync(
        sp.GetRequiredService<ReviewsDbContext>(), sp.GetRequiredService<UserManager<ApplicationUser>>(), stage, Time.GetUtcNow()));
}

public sealed class TestCurrentUser : ICurrentUser
{
    private HashSet<string> _roles = [];

    public string? UserId { get; private set; }

    public int? JurisdictionId { get; private set; }

    public bool IsInRole(string role) => _roles.Contains(role);

    public void Set(string? userId, int? jurisdictionId, IEnumerable<string> roles)
    {
        UserId = userId;
        JurisdictionId = jurisdictionId;
        _roles = [.. roles];
    }

    /// <summary>Who is acting now, to put back after a helper acted as someone else.</summary>
    public Action Snapshot()
    {
        var (userId, jurisdictionId, roles) = (UserId, JurisdictionId, _roles.ToArray());
        return () => Set(userId, jurisdictionId, roles);
    }
}

public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
