using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Migrations.SqlServer;

/// <summary>Lets dotnet-ef build the model for SQL Server without a server: no connection is opened to add migrations or script them.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ReviewsDbContext>
{
    public ReviewsDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<ReviewsDbContext>()
            .UseSqlServer("Server=(local);Database=NPCSReviews;Integrated Security=true;TrustServerCertificate=true", x => x.MigrationsAssembly(typeof(DesignTimeFactory).Assembly.GetName().Name))
            .Options,
        AnonymousUser.Instance, TimeProvider.System);
}
