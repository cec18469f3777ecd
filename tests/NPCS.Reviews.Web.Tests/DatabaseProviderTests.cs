using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Web.Infrastructure;
using NPCS.Reviews.Web.Tests.Support;

namespace NPCS.Reviews.Web.Tests;

public class DatabaseProviderTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static ReviewsDbContext ContextFor(Dictionary<string, string?> settings, out ServiceProvider services)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        services = new ServiceCollection()
            .AddSingleton<ICurrentUser>(AnonymousUser.Instance)
            .AddSingleton(TimeProvider.System)
            .AddReviewsDatabase(configuration, new TestEnvironment(Path.GetTempPath()))
            .BuildServiceProvider();
        return services.CreateScope().ServiceProvider.GetRequiredService<ReviewsDbContext>();
    }

    [Fact]
    public void Should_use_the_SQL_Server_provider_and_its_own_migrations_when_configured()
    {
        var db = ContextFor(new()
        {
            ["Database:Provider"] = "SqlServer",
            ["ConnectionStrings:Reviews"] = "Server=db.agency.example;Database=Reviews;Integrated Security=true;TrustServerCertificate=true",
        }, out var services);
        using (services)
        {
            Assert.Equal("Microsoft.EntityFrameworkCore.SqlServer", db.Database.ProviderName);
            Assert.Equal("NPCS.Reviews.Migrations.SqlServer", db.GetService<IMigrationsAssembly>().Assembly.GetName().Name);
            Assert.Contains(db.Database.GetMigrations(), m => m.EndsWith("_Initial", StringComparison.Ordinal));
            Assert.Contains("datetimeoffset", db.Database.GenerateCreateScript(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Should_use_sqlite_and_its_own_migrations_by_default()
    {
        var db = ContextFor([], out var services);
        using (services)
        {
            Assert.Equal("Microsoft.EntityFrameworkCore.Sqlite", db.Database.ProviderName);
            Assert.Equal("NPCS.Reviews.Migrations.Sqlite", db.GetService<IMigrationsAssembly>().Assembly.GetName().Name);
            Assert.EndsWith(Path.Combine("App_Data", "reviews.db"), db.Database.GetDbConnection().DataSource, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Should_refuse_an_unknown_provider_with_a_clear_message()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ContextFor(new() { ["Database:Provider"] = "Oracle" }, out _));

        Assert.Equal("Database:Provider must be Sqlite or SqlServer, not 'Oracle'.", error.Message);
    }

    [Fact]
    public async Task Should_run_sqlite_in_wal_mode_with_a_busy_timeout_and_no_pending_migration()
    {
        var (journal, timeout, pending) = await app.QueryDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            var connection = db.Database.GetDbConnection();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode;";
            var mode = (string?)await command.ExecuteScalarAsync();
            command.CommandText = "PRAGMA busy_timeout;";
            var busy = Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
            return (mode, busy, (await db.Database.GetPendingMigrationsAsync()).Count());
        });

        Assert.Equal("wal", journal);
        Assert.Equal(5000, timeout);
        Assert.Equal(0, pending);
    }

    private sealed class TestEnvironment(string contentRoot) : IWebHostEnvironment
    {
        public string WebRootPath { get; set; } = contentRoot;

        public IFileProvider WebRootFileProvider { get; set; } = new NullFileProvider();

        public string ApplicationName { get; set; } = "NPCS.Reviews.Web";

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();

        public string ContentRootPath { get; set; } = contentRoot;

        public string EnvironmentName { get; set; } = "Testing";
    }
}
