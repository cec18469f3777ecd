using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NPCS.Reviews.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReviewHistoryAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The review history is append-only: the database itself refuses to change or remove a line.
            migrationBuilder.Sql("""
                CREATE TRIGGER "ReviewChanges_no_update" BEFORE UPDATE ON "ReviewChanges"
                BEGIN SELECT RAISE(ABORT, 'The review history is append-only.'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "ReviewChanges_no_delete" BEFORE DELETE ON "ReviewChanges"
                BEGIN SELECT RAISE(ABORT, 'The review history is append-only.'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "ReviewChanges_no_update";""");
            migrationBuilder.Sql("""DROP TRIGGER "ReviewChanges_no_delete";""");
        }
    }
}
