using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NPCS.Reviews.Domain.Jurisdictions;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Data.Configurations;

internal sealed class ReviewConfiguration : IEntityTypeConfiguration<Review>
{
    public void Configure(EntityTypeBuilder<Review> builder)
    {
        builder.Property(r => r.Number).HasMaxLength(ReviewNumber.MaxLength).IsRequired();
        builder.HasIndex(r => r.Number).IsUnique();
        builder.HasIndex(r => new { r.JurisdictionId, r.NumberYear, r.NumberSequence }).IsUnique();
        builder.Property(r => r.CaseReference).HasMaxLength(IntakeDetails.CaseReferenceMaxLength).IsRequired();
        builder.Property(r => r.CaseReferenceKey).HasMaxLength(IntakeDetails.CaseReferenceMaxLength).IsRequired();
        builder.HasIndex(r => new { r.JurisdictionId, r.CaseReferenceKey }).IsUnique();
        // The reviews list: a jurisdiction's reviews (of a stage, or all) in deadline order, and the
        // search's case reference read from the index rather than the wide rows.
        builder.HasIndex(r => new { r.JurisdictionId, r.Stage, r.DueOrder, r.Number });
        builder.HasIndex(r => new { r.JurisdictionId, r.DueOrder, r.Number, r.CaseReferenceKey });

        // Trends and extracts: the reviews a jurisdiction approved in a period, with the columns the
        // trends count (type, cause, notification and deadline) in the index, so they are read from it.
        builder.HasIndex(r => new { r.JurisdictionId, r.Stage, r.ApprovedAt, r.IncidentType, r.CauseCategory, r.NotifiedDate, r.CompletionDue });
        builder.Property(r => r.Summary).HasMaxLength(IntakeDetails.SummaryMaxLength);
        builder.Property(r => r.ScreeningReason).HasMaxLength(Review.ReasonMaxLength).IsRequired();
        builder.Property(r => r.ScreenOutOverrideReason).HasMaxLength(Review.ReasonMaxLength);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.Ignore(r => r.NextDue);
        builder.Ignore(r => r.IsScreenedOut);
        builder.Ignore(r => r.IntakeEditable);
        builder.Ignore(r => r.ChronologyEditable);
        builder.Ignore(r => r.FamilyNeedsEditable);
        builder.Ignore(r => r.SessionsEditable);
        builder.Ignore(r => r.DebriefEditable);
        builder.Ignore(r => r.ReopenableSteps);
        builder.Ignore(r => r.FindingsEditable);
        builder.Ignore(r => r.IsLocked);
        builder.Property(r => r.ReturnComments).HasMaxLength(Review.CommentsMaxLength);

        // Like ReopenedByUserId: user ids without foreign keys, so SQLite adds the columns in place.
        builder.Property(r => r.SubmittedByUserId).HasMaxLength(450);
        builder.Property(r => r.ApprovedByUserId).HasMaxLength(450);
        builder.Property(r => r.ReturnedByUserId).HasMaxLength(450);
        builder.Property(r => r.NoUnmetNeedsReason).HasMaxLength(Review.ReasonMaxLength);
        builder.Property(r => r.ReopenReason).HasMaxLength(Review.ReasonMaxLength);
        // No foreign key for ReopenedByUserId: SQLite can add one to an existing table only by rebuilding
        // it outside a transaction. Accounts are locked, never deleted, and the history keeps who reopened.
        builder.Property(r => r.ReopenedByUserId).HasMaxLength(450);

        builder.HasOne<Jurisdiction>().WithMany().HasForeignKey(r => r.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(r => r.CreatedByUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(r => r.AssignedFacilitatorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(r => r.ScreenOutOverriddenByUserId).OnDelete(DeleteBehavior.Restrict);
    }
}
