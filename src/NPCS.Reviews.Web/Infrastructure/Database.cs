using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using NPCS.Reviews.Application.Data;

namespace NPCS.Reviews.Web.Infrastructure;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>
/// Chooses the provider (<c>Database:Provider</c>: Sqlite by default, or SqlServer), its migrations
/// assembly, and applies migrations at start-up where that is safe.
/// </summary>
public static class Database
{
    public const string ConnectionStringName = "Reviews";
    public const string DefaultSqlitePath = "App_Data/reviews.db";

    public static DatabaseProvider ProviderFrom(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration["Database:Provider"];
        if (string.IsNullOrWhiteSpace(value))
        {
            return DatabaseProvider.Sqlite;
        }

        return Enum.TryParse<DatabaseProvider>(value, ignoreCase: true, out var provider)
            ? provider
            : throw new InvalidOperationException($"Database:Provider must be Sqlite or SqlServer, not '{value}'.");
    }

    public static IServiceCollection AddReviewsDatabase(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var provider = ProviderFrom(configuration);
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (provider == DatabaseProvider.Sqlite)
        {
            connectionString = SqliteConnectionString(connectionString, environment.ContentRootPath);
            services.AddDbContext<ReviewsDbContext>(o => o
                .UseSqlite(connectionString, x => x.MigrationsAssembly("NPCS.Reviews.Migrations.Sqlite"))
                .AddInterceptors(SqliteBusyTimeout.Instance)
                .UseSqliteStatementCache()
                .ConfigureWarnings(WithholdDataBearingEvents),
                optionsLifetime: ServiceLifetime.Singleton);
            services.AddHostedService<SqliteStatistics>();
            services.AddHostedService(_ => new SqliteStatementCache.IdleConnectionsCloser(connectionString));
        }
        else
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException("ConnectionStrings:Reviews is required when Database:Provider is SqlServer.");
            }

            services.AddDbContext<ReviewsDbContext>(o => o
                .UseSqlServer(connectionString, x =>
                {
                    x.MigrationsAssembly("NPCS.Reviews.Migrations.SqlServer");
                    x.EnableRetryOnFailure();
                })
                .ConfigureWarnings(WithholdDataBearingEvents),
                optionsLifetime: ServiceLifetime.Singleton);
        }

        return services;
    }

    /// <summary>
    /// EF Core writes the database's error text into these events' messages (SQL Server's duplicate-key
    /// error quotes the value), so they are not logged; the mediator's logging behavior still records
    /// the request, the exception type and its stack trace.
    /// </summary>
    public static void WithholdDataBearingEvents(WarningsConfigurationBuilder warnings)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        warnings.Ignore(CoreEventId.SaveChangesFailed, CoreEventId.QueryIterationFailed, RelationalEventId.CommandError);
    }

    /// <summary>The configured SQLite connection string, or the default file under the content root; relative paths are made absolute and their folder created.</summary>
    public static string SqliteConnectionString(string? configured, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? $"Data Source={DefaultSqlitePath}" : configured);
        if (builder.DataSource != ":memory:" && !string.IsNullOrEmpty(builder.DataSource))
        {
            var path = Path.IsPathRooted(builder.DataSource) ? builder.DataSource : Path.Combine(contentRoot, builder.DataSource);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            builder.DataSource = path;
        }

        builder.Pooling = true;
        return builder.ToString();
    }

    /// <summary>
    /// Refreshes SQLite's statistics (ANALYZE) on the tables that need it: never analyzed, or grown or
    /// shrunk tenfold since. Each index is sampled (<c>analysis_limit</c>), so it takes milliseconds.
    /// </summary>
    public static async Task OptimizeSqliteAsync(ReviewsDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit=1000; PRAGMA optimize=0x10002;", ct);
    }

    /// <summary>
    /// SQLite: migrations always run at start-up (it is the embedded default). SQL Server: only when
    /// <c>Database:MigrateOnStartup</c> is true; otherwise the operator applies the idempotent script.
    /// </summary>
    public static async Task PrepareAsync(IServiceProvider services, IConfiguration configuration, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReviewsDbContext>();
        if (ProviderFrom(configuration) == DatabaseProvider.Sqlite)
        {
            // WAL lets readers and one writer work at once; it is a property of the file and persists.
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }

            await db.Database.MigrateAsync(ct);
            await OptimizeSqliteAsync(db, ct);
        }
        else if (configuration.GetValue<bool>("Database:MigrateOnStartup"))
        {
            await db.Database.MigrateAsync(ct);
        }
    }
}

/// <summary>
/// Keeps SQLite's table statistics current (<c>PRAGMA optimize</c>) every hour, after the refresh
/// at start-up (<see cref="Database.PrepareAsync"/>).
/// Without them its planner takes any index on the jurisdiction as selective, and looked up a page of
/// reviews found by id (a search) by reading every review of the jurisdiction instead of 25 by key.
/// </summary>
public sealed partial class SqliteStatistics(IServiceScopeFactory scopes, ILogger<SqliteStatistics> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await Database.OptimizeSqliteAsync(scope.ServiceProvider.GetRequiredService<ReviewsDbContext>(), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Statistics only help the planner: a failed refresh is retried at the next tick.
                LogFailed(logger, ex.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQLite statistics were not refreshed ({ExceptionType}); retried in an hour.")]
    private static partial void LogFailed(ILogger logger, string exceptionType);
}

/// <summary>Every SQLite connection waits up to 5 s for a lock instead of failing with "database is locked".</summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public static SqliteBusyTimeout Instance { get; } = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    // A call on the native handle, not a PRAGMA command: EF opens the connection for every query, and
    // a command each time was one more statement per query.
    private static void Apply(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            SQLitePCL.raw.sqlite3_busy_timeout(handle, 5000);
        }
    }
}
