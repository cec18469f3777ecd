using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NPCS.Reviews.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TwoFactorAndSecurityLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Existing jurisdictions start with two-factor sign-in required for Supervisors and Administrators, as new ones do.
            migrationBuilder.AddColumn<bool>(
                name: "RequireTwoFactorForSupervisors",
                table: "Jurisdictions",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.CreateTable(
                name: "SecurityEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    JurisdictionId = table.Column<int>(type: "INTEGER", nullable: true),
                    ActorUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    SubjectUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ClientAddress = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SecurityEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SecurityEvents_Jurisdictions_JurisdictionId",
                        column: x => x.JurisdictionId,
                        principalTable: "Jurisdictions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SecurityEvents_JurisdictionId_At",
                table: "SecurityEvents",
                columns: new[] { "JurisdictionId", "At" });

            // The security log is append-only: the database itself refuses to change or remove a line.
            migrationBuilder.Sql("""
                CREATE TRIGGER "SecurityEvents_no_update" BEFORE UPDATE ON "SecurityEvents"
                BEGIN SELECT RAISE(ABORT, 'The security log is append-only.'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "SecurityEvents_no_delete" BEFORE DELETE ON "SecurityEvents"
                BEGIN SELECT RAISE(ABORT, 'The security log is append-only.'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "SecurityEvents_no_update";""");
            migrationBuilder.Sql("""DROP TRIGGER "SecurityEvents_no_delete";""");

            migrationBuilder.DropTable(
                name: "SecurityEvents");

            migrationBuilder.DropColumn(
                name: "RequireTwoFactorForSupervisors",
                table: "Jurisdictions");
        }
    }
}
