using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NPCS.Reviews.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ReviewHistoryAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The review history is append-only: the database itself refuses to change or remove a line.
            // EXEC keeps CREATE TRIGGER first in its batch inside the idempotent script.
            migrationBuilder.Sql("""
                EXEC(N'CREATE TRIGGER [ReviewChanges_append_only] ON [ReviewChanges] INSTEAD OF UPDATE, DELETE AS
                BEGIN
                    THROW 51000, N''The review history is append-only.'', 1;
                END');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER [ReviewChanges_append_only];");
        }
    }
}
