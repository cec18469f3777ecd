using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NPCS.Reviews.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class PerformanceIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Reviews_JurisdictionId_Stage",
                table: "Reviews");

            migrationBuilder.AddColumn<DateOnly>(
                name: "DueOrder",
                table: "Reviews",
                type: "date",
                nullable: false,
                defaultValue: DateOnly.MaxValue);

            // Existing reviews: the deadline their stage has (Review.DueFor), or none (the default).
            // In EXEC so the idempotent script compiles before the column exists.
            migrationBuilder.Sql("EXEC(N'UPDATE [Reviews] SET [DueOrder] = [FirstDebriefDue] WHERE [Stage] IN (1, 2); UPDATE [Reviews] SET [DueOrder] = [CompletionDue] WHERE [Stage] IN (3, 4, 5);')");

            migrationBuilder.CreateIndex(
                name: "IX_Reviews_JurisdictionId_DueOrder_Number_CaseReferenceKey",
                table: "Reviews",
                columns: new[] { "JurisdictionId", "DueOrder", "Number", "CaseReferenceKey" });

            migrationBuilder.CreateIndex(
                name: "IX_Reviews_JurisdictionId_Stage_ApprovedAt",
                table: "Reviews",
                columns: new[] { "JurisdictionId", "Stage", "ApprovedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Reviews_JurisdictionId_Stage_DueOrder_Number",
                table: "Reviews",
                columns: new[] { "JurisdictionId", "Stage", "DueOrder", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewActions_ReviewId_DueDate",
                table: "ReviewActions",
                columns: new[] { "ReviewId", "DueDate" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Reviews_JurisdictionId_DueOrder_Number_CaseReferenceKey",
                table: "Reviews");

            migrationBuilder.DropIndex(
                name: "IX_Reviews_JurisdictionId_Stage_ApprovedAt",
                table: "Reviews");

            migrationBuilder.DropIndex(
                name: "IX_Reviews_JurisdictionId_Stage_DueOrder_Number",
                table: "Reviews");

            migrationBuilder.DropIndex(
                name: "IX_ReviewActions_ReviewId_DueDate",
                table: "ReviewActions");

            migrationBuilder.DropColumn(
                name: "DueOrder",
                table: "Reviews");

            migrationBuilder.CreateIndex(
                name: "IX_Reviews_JurisdictionId_Stage",
                table: "Reviews",
                columns: new[] { "JurisdictionId", "Stage" });
        }
    }
}
