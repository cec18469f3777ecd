using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NPCS.Reviews.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class FollowUpKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ReviewActions_ReviewId_DueDate",
                table: "ReviewActions");

            migrationBuilder.DropIndex(
                name: "IX_ReviewActions_Status_DueDate",
                table: "ReviewActions");

            migrationBuilder.AddColumn<int>(
                name: "FollowUpJurisdictionId",
                table: "ReviewActions",
                type: "int",
                nullable: true);

            // Existing actions: followed up in their review's jurisdiction when the review is approved (Stage 6), else none.
            migrationBuilder.Sql("EXEC(N'UPDATE [a] SET [FollowUpJurisdictionId] = [r].[JurisdictionId] FROM [ReviewActions] AS [a] INNER JOIN [Reviews] AS [r] ON [r].[Id] = [a].[ReviewId] WHERE [r].[Stage] = 6;')");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewActions_FollowUpJurisdictionId_DueDate",
                table: "ReviewActions",
                columns: new[] { "FollowUpJurisdictionId", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewActions_FollowUpJurisdictionId_Status_DueDate",
                table: "ReviewActions",
                columns: new[] { "FollowUpJurisdictionId", "Status", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewActions_FollowUpJurisdictionId_Strength_DueDate",
                table: "ReviewActions",
                columns: new[] { "FollowUpJurisdictionId", "Strength", "DueDate" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ReviewActions_FollowUpJurisdictionId_DueDate",
                table: "ReviewActions");

            migrationBuilder.DropIndex(
                name: "IX_ReviewActions_FollowUpJurisdictionId_Status_DueDate",
                table: "ReviewActions");

            migrationBuilder.DropIndex(
                name: "IX_ReviewActions_FollowUpJurisdictionId_Strength_DueDate",
                table: "ReviewActions");

            migrationBuilder.DropColumn(
                name: "FollowUpJurisdictionId",
                table: "ReviewActions");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewActions_ReviewId_DueDate",
                table: "ReviewActions",
                columns: new[] { "ReviewId", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewActions_Status_DueDate",
                table: "ReviewActions",
                columns: new[] { "Status", "DueDate" });
        }
    }
}
