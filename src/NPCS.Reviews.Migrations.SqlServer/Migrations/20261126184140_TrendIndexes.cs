using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NPCS.Reviews.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class TrendIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Reviews_JurisdictionId_Stage_ApprovedAt",
                table: "Reviews");

            migrationBuilder.DropIndex(
                name: "IX_ReviewActions_ReviewId_FindingId",
                table: "ReviewActions");

            migrationBuilder.DropIndex(
                name: "IX_Needs_ReviewId",
                table: "Needs");

            migrationBuilder.DropIndex(
                name: "IX_Findings_ReviewId",
                table: "Findings");

            migrationBuilder.CreateIndex(
                name: "IX_Reviews_JurisdictionId_Stage_ApprovedAt_IncidentType_CauseCategory_NotifiedDate_CompletionDue",
                table: "Reviews",
                columns: new[] { "JurisdictionId", "Stage", "ApprovedAt", "IncidentType", "CauseCategory", "NotifiedDate", "CompletionDue" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewActions_ReviewId_FindingId_Strength_Status",
                table: "ReviewActions",
                columns: new[] { "ReviewId", "FindingId", "Strength", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Needs_ReviewId_Category_Status",
                table: "Needs",
                columns: new[] { "ReviewId", "Category", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Findings_ReviewId_Rating_FactorItemId",
                table: "Findings",
                columns: new[] { "ReviewId", "Rating", "FactorItemId" });

            migrationBuilder.CreateIndex(
                name: "IX_DebriefSessions_ReviewId_Status_Date",
                table: "DebriefSessions",
                columns: new[] { "ReviewId", "Status", "Date" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Reviews_JurisdictionId_Stage_ApprovedAt_IncidentType_CauseCategory_NotifiedDate_CompletionDue",
                table: "Reviews");

            migrationBuilder.DropIndex(
                name: "IX_ReviewActions_ReviewId_FindingId_Strength_Status",
                table: "ReviewActions");

            migrationBuilder.DropIndex(
                name: "IX_Needs_ReviewId_Category_Status",
                table: "Needs");

            migrationBuilder.DropIndex(
                name: "IX_Findings_ReviewId_Rating_FactorItemId",
                table: "Findings");

            migrationBuilder.DropIndex(
                name: "IX_DebriefSessions_ReviewId_Status_Date",
                table: "DebriefSessions");

            migrationBuilder.CreateIndex(
                name: "IX_Reviews_JurisdictionId_Stage_ApprovedAt",
                table: "Reviews",
                columns: new[] { "JurisdictionId", "Stage", "ApprovedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewActions_ReviewId_FindingId",
                table: "ReviewActions",
                columns: new[] { "ReviewId", "FindingId" });

            migrationBuilder.CreateIndex(
                name: "IX_Needs_ReviewId",
                table: "Needs",
                column: "ReviewId");

            migrationBuilder.CreateIndex(
                name: "IX_Findings_ReviewId",
                table: "Findings",
                column: "ReviewId");
        }
    }
}
