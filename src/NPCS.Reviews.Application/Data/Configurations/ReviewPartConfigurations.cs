using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Data.Configurations;

// Reviews are never deleted, and SQL Server refuses several cascade paths into one table, so every
// foreign key to a review or a user is Restrict; the handlers delete a part's own children.

internal sealed class ReviewChangeConfiguration : IEntityTypeConfiguration<ReviewChange>
{
    public void Configure(EntityTypeBuilder<ReviewChange> builder)
    {
        builder.Property(c => c.Description).HasMaxLength(ReviewChange.DescriptionMaxLength).IsRequired();
        builder.HasOne(c => c.Review).WithMany().HasForeignKey(c => c.ReviewId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.ReviewId, c.At });
    }
}

internal sealed class ChronologyEntryConfiguration : IEntityTypeConfiguration<ChronologyEntry>
{
    public void Configure(EntityTypeBuilder<ChronologyEntry> builder)
    {
        builder.Property(e => e.WhatHappened).HasMaxLength(ChronologyEntry.TextMaxLength).IsRequired();
        builder.Property(e => e.AgencyKnew).HasMaxLength(ChronologyEntry.TextMaxLength);
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.HasOne<Review>().WithMany().HasForeignKey(e => e.ReviewId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.ReviewId, e.Date });
    }
}

internal sealed class NeedConfiguration : IEntityTypeConfiguration<Need>
{
    public void Configure(EntityTypeBuilder<Need> builder)
    {
        builder.Property(n => n.Description).HasMaxLength(Need.DescriptionMaxLength).IsRequired();
        builder.Property(n => n.BarrierNote).HasMaxLength(Need.BarrierNoteMaxLength);
        builder.Property(n => n.Version).IsConcurrencyToken();
        builder.HasOne<Review>().WithMany().HasForeignKey(n => n.ReviewId).OnDelete(DeleteBehavior.Restrict);
        // A review's needs; trends count them by category and status from this index alone.
        builder.HasIndex(n => new { n.ReviewId, n.Category, n.Status });
    }
}

internal sealed class FamilyNeedsAnalysisConfiguration : IEntityTypeConfiguration<FamilyNeedsAnalysis>
{
    public void Configure(EntityTypeBuilder<FamilyNeedsAnalysis> builder)
    {
        builder.HasOne<Review>().WithOne().HasForeignKey<FamilyNeedsAnalysis>(a => a.ReviewId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.ReviewId).IsUnique();
        builder.Property(a => a.BiasAssumptions).HasMaxLength(FamilyNeedsAnalysis.AnswerMaxLength);
        builder.Property(a => a.BiasCultureAndRace).HasMaxLength(FamilyNeedsAnalysis.AnswerMaxLength);
        builder.Property(a => a.BiasPoverty).HasMaxLength(FamilyNeedsAnalysis.AnswerMaxLength);
        builder.Property(a => a.BiasDisability).HasMaxLength(FamilyNeedsAnalysis.AnswerMaxLength);
        builder.Property(a => a.BiasOtherFamily).HasMaxLength(FamilyNeedsAnalysis.AnswerMaxLength);
        builder.Property(a => a.EngagementHow).HasMaxLength(FamilyNeedsAnalysis.AnswerMaxLength);
        builder.Property(a => a.WhatTheySaid).HasMaxLength(FamilyNeedsAnalysis.AnswerMaxLength);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Ignore(a => a.Bias);
        builder.Ignore(a => a.Voice);
        builder.HasMany(a => a.Factors).WithOne().HasForeignKey(f => f.AnalysisId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.Factors).AutoInclude();
    }
}

internal sealed class ProtectiveFactorAssessmentConfiguration : IEntityTypeConfiguration<ProtectiveFactorAssessment>
{
    public void Configure(EntityTypeBuilder<ProtectiveFactorAssessment> builder)
    {
        builder.Property(f => f.Note).HasMaxLength(ProtectiveFactorAssessment.NoteMaxLength);
        builder.HasIndex(f => new { f.AnalysisId, f.Factor }).IsUnique();
    }
}

internal sealed class DebriefSessionConfiguration : IEntityTypeConfiguration<DebriefSession>
{
    public void Configure(EntityTypeBuilder<DebriefSession> builder)
    {
        builder.Property(s => s.Location).HasMaxLength(DebriefSession.LocationMaxLength).IsRequired();
        builder.Property(s => s.CancellationReason).HasMaxLength(DebriefSession.ReasonMaxLength);
        builder.Property(s => s.Notes).HasMaxLength(DebriefSession.NotesMaxLength);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Ignore(s => s.GroundRulesRecorded);
        builder.HasOne<Review>().WithMany().HasForeignKey(s => s.ReviewId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(s => s.FacilitatorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(s => s.GroundRulesRecordedByUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(s => s.Participants).WithOne().HasForeignKey(p => p.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Participants).AutoInclude();
        builder.HasIndex(s => new { s.ReviewId, s.Date });

        // The first session held of a review (trends' days to the first debrief), from the index alone.
        builder.HasIndex(s => new { s.ReviewId, s.Status, s.Date });
    }
}

internal sealed class SessionParticipantConfiguration : IEntityTypeConfiguration<SessionParticipant>
{
    public void Configure(EntityTypeBuilder<SessionParticipant> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(SessionParticipant.NameMaxLength).IsRequired();
        builder.Property(p => p.Role).HasMaxLength(SessionParticipant.RoleMaxLength).IsRequired();
        builder.Ignore(p => p.IsStaff);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.UserId);
    }
}

internal sealed class DecisionPointConfiguration : IEntityTypeConfiguration<DecisionPoint>
{
    public void Configure(EntityTypeBuilder<DecisionPoint> builder)
    {
        builder.Property(d => d.Decision).HasMaxLength(DecisionPoint.TextMaxLength).IsRequired();
        builder.Property(d => d.Cues).HasMaxLength(DecisionPoint.TextMaxLength);
        builder.Property(d => d.Knew).HasMaxLength(DecisionPoint.TextMaxLength);
        builder.Property(d => d.Expected).HasMaxLength(DecisionPoint.TextMaxLength);
        builder.Property(d => d.Context).HasMaxLength(DecisionPoint.TextMaxLength);
        builder.Property(d => d.Version).IsConcurrencyToken();
        builder.HasOne<Review>().WithMany().HasForeignKey(d => d.ReviewId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<DebriefSession>().WithMany().HasForeignKey(d => d.SessionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ChronologyEntry>().WithMany().HasForeignKey(d => d.ChronologyEntryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => new { d.ReviewId, d.Date });
    }
}
