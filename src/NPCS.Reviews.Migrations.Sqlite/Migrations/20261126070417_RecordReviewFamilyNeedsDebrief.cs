using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NPCS.Reviews.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RecordReviewFamilyNeedsDebrief : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "NoUnmetNeedsReason",
                table: "Reviews",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReopenReason",
                table: "Reviews",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ReopenedAt",
                table: "Reviews",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReopenedByUserId",
                table: "Reviews",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ReopenedStage",
                table: "Reviews",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ChronologyEntries",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReviewId = table.Column<int>(type: "INTEGER", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Time = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    Source = table.Column<int>(type: "INTEGER", nullable: false),
                    WhatHappened = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    AgencyKnew = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChronologyEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChronologyEntries_Reviews_ReviewId",
                        column: x => x.ReviewId,
                        principalTable: "Reviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DebriefSessions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReviewId = table.Column<int>(type: "INTEGER", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    StartTime = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    Location = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    FacilitatorId = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    CancellationReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    GroundRulesRecordedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    GroundRulesRecordedByUserId = table.Column<string>(type: "TEXT", nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DebriefSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DebriefSessions_AspNetUsers_FacilitatorId",
                        column: x => x.FacilitatorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DebriefSessions_AspNetUsers_GroundRulesRecordedByUserId",
                        column: x => x.GroundRulesRecordedByUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DebriefSessions_Reviews_ReviewId",
                        column: x => x.ReviewId,
                        principalTable: "Reviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FamilyNeedsAnalyses",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReviewId = table.Column<int>(type: "INTEGER", nullable: false),
                    BiasAssumptions = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    BiasCultureAndRace = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    BiasPoverty = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    BiasDisability = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    BiasOtherFamily = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    FamilyEngaged = table.Column<int>(type: "INTEGER", nullable: true),
                    EngagementHow = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    WhatTheySaid = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FamilyNeedsAnalyses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FamilyNeedsAnalyses_Reviews_ReviewId",
                        column: x => x.ReviewId,
                        principalTable: "Reviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Needs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReviewId = table.Column<int>(type: "INTEGER", nullable: false),
                    Category = table.Column<int>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Barriers = table.Column<int>(type: "INTEGER", nullable: false),
                    BarrierNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Needs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Needs_Reviews_ReviewId",
                        column: x => x.ReviewId,
                        principalTable: "Reviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReviewChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReviewId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewChanges_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReviewChanges_Reviews_ReviewId",
                        column: x => x.ReviewId,
                        principalTable: "Reviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DecisionPoints",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReviewId = table.Column<int>(type: "INTEGER", nullable: false),
                    SessionId = table.Column<int>(type: "INTEGER", nullable: true),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ChronologyEntryId = table.Column<int>(type: "INTEGER", nullable: true),
                    Role = table.Column<int>(type: "INTEGER", nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Cues = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Knew = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Expected = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Pressures = table.Column<int>(type: "INTEGER", nullable: false),
                    Context = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DecisionPoints", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DecisionPoints_ChronologyEntries_ChronologyEntryId",
                        column: x => x.ChronologyEntryId,
                        principalTable: "ChronologyEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DecisionPoints_DebriefSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "DebriefSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DecisionPoints_Reviews_ReviewId",
                        column: x => x.ReviewId,
                        principalTable: "Reviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SessionParticipant",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SessionId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Agency = table.Column<int>(type: "INTEGER", nullable: false),
                    AgreedToGroundRules = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SessionParticipant", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SessionParticipant_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SessionParticipant_DebriefSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "DebriefSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProtectiveFactorAssessment",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AnalysisId = table.Column<int>(type: "INTEGER", nullable: false),
                    Factor = table.Column<int>(type: "INTEGER", nullable: false),
                    Rating = table.Column<int>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProtectiveFactorAssessment", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProtectiveFactorAssessment_FamilyNeedsAnalyses_AnalysisId",
                        column: x => x.AnalysisId,
                        principalTable: "FamilyNeedsAnalyses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ChronologyEntries_ReviewId_Date",
                table: "ChronologyEntries",
                columns: new[] { "ReviewId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_DebriefSessions_FacilitatorId",
                table: "DebriefSessions",
                column: "FacilitatorId");

            migrationBuilder.CreateIndex(
                name: "IX_DebriefSessions_GroundRulesRecordedByUserId",
                table: "DebriefSessions",
                column: "GroundRulesRecordedByUserId");

            migrationBuilder.CreateIndex(
                name: "IX_DebriefSessions_ReviewId_Date",
                table: "DebriefSessions",
                columns: new[] { "ReviewId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_DecisionPoints_ChronologyEntryId",
                table: "DecisionPoints",
                column: "ChronologyEntryId");

            migrationBuilder.CreateIndex(
                name: "IX_DecisionPoints_ReviewId_Date",
                table: "DecisionPoints",
                columns: new[] { "ReviewId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_DecisionPoints_SessionId",
                table: "DecisionPoints",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_FamilyNeedsAnalyses_ReviewId",
                table: "FamilyNeedsAnalyses",
                column: "ReviewId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Needs_ReviewId",
                table: "Needs",
                column: "ReviewId");

            migrationBuilder.CreateIndex(
                name: "IX_ProtectiveFactorAssessment_AnalysisId_Factor",
                table: "ProtectiveFactorAssessment",
                columns: new[] { "AnalysisId", "Factor" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReviewChanges_ReviewId_At",
                table: "ReviewChanges",
                columns: new[] { "ReviewId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewChanges_UserId",
                table: "ReviewChanges",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_SessionParticipant_SessionId",
                table: "SessionParticipant",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_SessionParticipant_UserId",
                table: "SessionParticipant",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DecisionPoints");

            migrationBuilder.DropTable(
                name: "Needs");

            migrationBuilder.DropTable(
                name: "ProtectiveFactorAssessment");

            migrationBuilder.DropTable(
                name: "ReviewChanges");

            migrationBuilder.DropTable(
                name: "SessionParticipant");

            migrationBuilder.DropTable(
                name: "ChronologyEntries");

            migrationBuilder.DropTable(
                name: "FamilyNeedsAnalyses");

            migrationBuilder.DropTable(
                name: "DebriefSessions");

            migrationBuilder.DropColumn(
                name: "NoUnmetNeedsReason",
                table: "Reviews");

            migrationBuilder.DropColumn(
                name: "ReopenReason",
                table: "Reviews");

            migrationBuilder.DropColumn(
                name: "ReopenedAt",
                table: "Reviews");

            migrationBuilder.DropColumn(
                name: "ReopenedByUserId",
                table: "Reviews");

            migrationBuilder.DropColumn(
                name: "ReopenedStage",
                table: "Reviews");
        }
    }
}
