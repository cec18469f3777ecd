using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Migrations.Sqlite;

/// <summary>Lets dotnet-ef build the model for SQLite without starting the web app.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ReviewsDbContext>
{
    public ReviewsDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<ReviewsDbContext>()
            .UseSqlite("Data Source=design-time.db", x => x.MigrationsAssembly(typeof(DesignTimeFactory).Assembly.GetName().Name))
            .Options,
        AnonymousUser.Instance, TimeProvider.System);
}
