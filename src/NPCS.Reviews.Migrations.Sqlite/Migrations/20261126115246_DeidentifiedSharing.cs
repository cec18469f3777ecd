using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NPCS.Reviews.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DeidentifiedSharing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "PseudonymKey",
                table: "Jurisdictions",
                type: "BLOB",
                maxLength: 32,
                nullable: false,
                defaultValue: new byte[0]);

            // Each existing jurisdiction gets its own random pseudonym key (new ones get it from the constructor).
            migrationBuilder.Sql("UPDATE \"Jurisdictions\" SET \"PseudonymKey\" = randomblob(32) WHERE length(\"PseudonymKey\") = 0;");

            migrationBuilder.CreateTable(
                name: "ExtractExports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    JurisdictionId = table.Column<int>(type: "INTEGER", nullable: false),
                    PeriodFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PeriodTo = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Format = table.Column<int>(type: "INTEGER", nullable: false),
                    Rows = table.Column<int>(type: "INTEGER", nullable: false),
                    ExportedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ExportedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExtractExports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExtractExports_Jurisdictions_JurisdictionId",
                        column: x => x.JurisdictionId,
                        principalTable: "Jurisdictions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SharedExtracts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    JurisdictionCode = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    PeriodFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PeriodTo = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SchemaVersion = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Rows = table.Column<int>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ImportedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ImportedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SharedExtracts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SharedReviews",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ExtractId = table.Column<int>(type: "INTEGER", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Pseudonym = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ApprovedMonth = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    IncidentType = table.Column<int>(type: "INTEGER", nullable: false),
                    Record = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SharedReviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SharedReviews_SharedExtracts_ExtractId",
                        column: x => x.ExtractId,
                        principalTable: "SharedExtracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ExtractExports_JurisdictionId_ExportedAt",
                table: "ExtractExports",
                columns: new[] { "JurisdictionId", "ExportedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SharedExtracts_JurisdictionCode_ImportedAt",
                table: "SharedExtracts",
                columns: new[] { "JurisdictionCode", "ImportedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SharedReviews_ApprovedMonth",
                table: "SharedReviews",
                column: "ApprovedMonth");

            migrationBuilder.CreateIndex(
                name: "IX_SharedReviews_ExtractId",
                table: "SharedReviews",
                column: "ExtractId");

            migrationBuilder.CreateIndex(
                name: "IX_SharedReviews_JurisdictionCode_ApprovedMonth",
                table: "SharedReviews",
                columns: new[] { "JurisdictionCode", "ApprovedMonth" });

            migrationBuilder.CreateIndex(
                name: "IX_SharedReviews_JurisdictionCode_Pseudonym",
                table: "SharedReviews",
                columns: new[] { "JurisdictionCode", "Pseudonym" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ExtractExports");

            migrationBuilder.DropTable(
                name: "SharedReviews");

            migrationBuilder.DropTable(
                name: "SharedExtracts");

            migrationBuilder.DropColumn(
                name: "PseudonymKey",
                table: "Jurisdictions");
        }
    }
}
