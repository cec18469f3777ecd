using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Data.Seeding;
using NPCS.Reviews.Web.Infrastructure;
using NPCS.Reviews.Web.Tests.Support;

namespace NPCS.Reviews.Web.Tests;

/// <summary>
/// SQLite connections kept open between requests with the statements they compiled (ADR 0019):
/// compiled SQL is reused, values and data never are.
/// </summary>
public sealed class SqliteStatementCacheTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Should_run_a_query_again_on_its_compiled_statement_with_that_requests_values()
    {
        var connectionString = await ConnectionStringAsync();
        var demo = await NameOfAsync(Seeder.DemoCode);
        var reused = SqliteStatementCache.Reused(connectionString);

        // The next context takes the idle connection, with the statement the first one compiled.
        var other = await NameOfAsync(Seeder.OtherCode);

        Assert.True(SqliteStatementCache.Reused(connectionString) > reused);
        Assert.NotEqual(demo, other);
        Assert.Equal(demo, await NameOfAsync(Seeder.DemoCode));
        Assert.Null(await NameOfAsync("NONE"));
        Assert.True(SqliteStatementCache.IdleConnections(connectionString) >= 1);
    }

    [Fact]
    public async Task Should_read_what_another_connection_wrote_since_the_statement_was_compiled()
    {
        var connectionString = await ConnectionStringAsync();
        var before = await NameOfAsync(Seeder.OtherCode);
        await WriteAsync(connectionString, "UPDATE Jurisdictions SET Name = 'Renamed County' WHERE Code = $code");
        try
        {
            Assert.Equal("Renamed County", await NameOfAsync(Seeder.OtherCode));
        }
        finally
        {
            await WriteAsync(connectionString, $"UPDATE Jurisdictions SET Name = '{before}' WHERE Code = $code");
        }

        Assert.Equal(before, await NameOfAsync(Seeder.OtherCode));
    }

    [Fact]
    public async Task Should_close_rather_than_keep_a_connection_left_inside_a_transaction()
    {
        var connectionString = await ConnectionStringAsync();
        var before = await NameOfAsync(Seeder.OtherCode);
        var idle = SqliteStatementCache.IdleConnections(connectionString);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            // A transaction EF Core does not know about, never committed.
            var db = scope.ServiceProvider.GetRequiredService<ReviewsDbContext>();
            await db.Database.ExecuteSqlRawAsync("BEGIN; UPDATE Jurisdictions SET Name = 'Uncommitted' WHERE Code = {0};", Seeder.OtherCode);
            Assert.Equal("Uncommitted", await NameOfAsync(db, Seeder.OtherCode));
        }

        // Not handed to the next request: closed, so its change was rolled back.
        Assert.Equal(idle - 1, SqliteStatementCache.IdleConnections(connectionString));
        Assert.Equal(before, await NameOfAsync(Seeder.OtherCode));
    }

    [Fact]
    public async Task Should_run_the_same_sql_nested_in_its_own_read()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReviewsDbContext>();
        var codes = new List<string>();
        await foreach (var code in db.Jurisdictions.IgnoreQueryFilters().OrderBy(j => j.Code).Select(j => j.Code).AsAsyncEnumerable())
        {
            // The kept command is still being read: this one gets a command of its own.
            codes.Add(await db.Jurisdictions.IgnoreQueryFilters().OrderBy(j => j.Code).Select(j => j.Code).FirstAsync() + code);
        }

        Assert.Contains("DEMO" + Seeder.OtherCode, codes);
    }

    private async Task<string> ConnectionStringAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return scope.ServiceProvider.GetRequiredService<ReviewsDbContext>().Database.GetConnectionString()!;
    }

    private async Task<string?> NameOfAsync(string code)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await NameOfAsync(scope.ServiceProvider.GetRequiredService<ReviewsDbContext>(), code);
    }

    private static Task<string?> NameOfAsync(ReviewsDbContext db, string code) =>
        db.Jurisdictions.IgnoreQueryFilters().Where(j => j.Code == code).Select(j => j.Name).SingleOrDefaultAsync();

    /// <summary>A write through a connection of its own, outside the app.</summary>
    private static async Task WriteAsync(string connectionString, string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$code", Seeder.OtherCode);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
