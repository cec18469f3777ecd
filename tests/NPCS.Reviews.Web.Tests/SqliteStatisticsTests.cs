using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Web.Infrastructure;
using NPCS.Reviews.Web.Tests.Support;

namespace NPCS.Reviews.Web.Tests;

/// <summary>SQLite's planner statistics, which the app refreshes at start-up and every hour.</summary>
public sealed class SqliteStatisticsTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Should_give_the_planner_statistics_on_the_reviews_and_their_indexes()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReviewsDbContext>();
        await db.Database.ExecuteSqlRawAsync("DROP TABLE IF EXISTS sqlite_stat1;");
        Assert.Equal(0, await StatisticsOfReviewsAsync(db));

        await Database.OptimizeSqliteAsync(db);

        // One line per index of the table (the demo data has reviews): the planner can now tell a
        // key lookup from a jurisdiction-wide index range.
        Assert.True(await StatisticsOfReviewsAsync(db) >= 3);
    }

    private static async Task<int> StatisticsOfReviewsAsync(ReviewsDbContext db)
    {
        var exists = await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE name = 'sqlite_stat1'").SingleAsync();
        return exists == 0 ? 0 : await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM sqlite_stat1 WHERE tbl = 'Reviews'").SingleAsync();
    }
}
