using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NPCS.Reviews.Domain.Jurisdictions;

namespace NPCS.Reviews.Application.Data.Configurations;

internal sealed class ExtractExportConfiguration : IEntityTypeConfiguration<ExtractExport>
{
    public void Configure(EntityTypeBuilder<ExtractExport> builder)
    {
        builder.Property(e => e.Format).HasConversion<int>();
        builder.Property(e => e.ExportedByUserId).HasMaxLength(450).IsRequired();
        builder.HasOne<Jurisdiction>().WithMany().HasForeignKey(e => e.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.JurisdictionId, e.ExportedAt });
    }
}

internal sealed class SharedExtractConfiguration : IEntityTypeConfiguration<SharedExtract>
{
    public void Configure(EntityTypeBuilder<SharedExtract> builder)
    {
        builder.Property(e => e.JurisdictionCode).HasMaxLength(SharedExtract.JurisdictionCodeMaxLength).IsRequired();
        builder.Property(e => e.SchemaVersion).HasMaxLength(SharedExtract.SchemaVersionMaxLength).IsRequired();
        builder.Property(e => e.Sha256).HasMaxLength(64).IsRequired();
        builder.Property(e => e.ImportedByUserId).HasMaxLength(450).IsRequired();
        builder.HasIndex(e => new { e.JurisdictionCode, e.ImportedAt });
    }
}

internal sealed class SharedReviewConfiguration : IEntityTypeConfiguration<SharedReview>
{
    public void Configure(EntityTypeBuilder<SharedReview> builder)
    {
        builder.Property(e => e.JurisdictionCode).HasMaxLength(SharedExtract.JurisdictionCodeMaxLength).IsRequired();
        builder.Property(e => e.Pseudonym).HasMaxLength(SharedReview.PseudonymMaxLength).IsRequired();
        builder.Property(e => e.Record).IsRequired();
        builder.HasOne<SharedExtract>().WithMany().HasForeignKey(e => e.ExtractId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.JurisdictionCode, e.Pseudonym }).IsUnique();
        builder.HasIndex(e => new { e.JurisdictionCode, e.ApprovedMonth });
        builder.HasIndex(e => e.ApprovedMonth);
    }
}
