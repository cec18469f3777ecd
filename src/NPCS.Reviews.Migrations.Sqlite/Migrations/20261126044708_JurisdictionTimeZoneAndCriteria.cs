using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NPCS.Reviews.Migrations.Sqlite.Migrations
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
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "TimeZoneId",
                table: "Jurisdictions",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "America/New_York");

            // Reviews recorded before this column existed: eligible and never overridden means the facts met the criteria.
            migrationBuilder.Sql("UPDATE \"Reviews\" SET \"MeetsCriteria\" = 1 WHERE \"Stage\" <> 0 AND \"ScreenOutOverrideReason\" IS NULL;");
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
