using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NPCS.Reviews.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class JurisdictionTimeZoneAndCriteria : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "MeetsCriteria",
                table: "Reviews",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "TimeZoneId",
                table: "Jurisdictions",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "America/New_York");

            // Reviews recorded before this column existed: eligible and never overridden means the facts met the criteria.
            // EXEC defers compilation: in the idempotent script this runs in the same batch as the ALTER TABLE above.
            migrationBuilder.Sql("EXEC(N'UPDATE [Reviews] SET [MeetsCriteria] = CAST(1 AS bit) WHERE [Stage] <> 0 AND [ScreenOutOverrideReason] IS NULL;');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "MeetsCriteria",
                table: "Reviews");

            migrationBuilder.DropColumn(
                name: "TimeZoneId",
                table: "Jurisdictions");
        }
    }
}
