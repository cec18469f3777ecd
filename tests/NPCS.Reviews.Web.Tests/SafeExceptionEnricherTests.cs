using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Web.Infrastructure;

namespace NPCS.Reviews.Web.Tests;

public class SafeExceptionEnricherTests
{
    [Fact]
    public void A_database_error_is_described_by_its_numbers_and_never_by_its_message()
    {
        // SQLite's unique-constraint message names the columns; SQL Server's quotes the duplicate value.
        var sqlite = new SqliteException("UNIQUE constraint failed: Reviews.CaseReferenceKey (CASE-SMITH-42)", 19, 2067);
        var exception = new DbUpdateException("An error occurred while saving the entity changes.", sqlite);

        var described = SafeExceptionEnricher.Describe(exception);

        Assert.Contains("Microsoft.EntityFrameworkCore.DbUpdateException (message withheld)", described, StringComparison.Ordinal);
        Assert.Contains("Microsoft.Data.Sqlite.SqliteException (SQLite error 19, extended 2067; message withheld)", described, StringComparison.Ordinal);
        Assert.DoesNotContain("SMITH", described, StringComparison.Ordinal);
        Assert.DoesNotContain("saving the entity", described, StringComparison.Ordinal);
    }
}
