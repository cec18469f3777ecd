using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NPCS.Reviews.Domain.Catalog;
using NPCS.Reviews.Domain.Jurisdictions;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Data.Configurations;

internal sealed class FactorCatalogConfiguration : IEntityTypeConfiguration<FactorCatalog>
{
    public void Configure(EntityTypeBuilder<FactorCatalog> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(FactorCatalog.NameMaxLength).IsRequired();
        builder.Property(c => c.Concurrency).IsConcurrencyToken();
        builder.Ignore(c => c.Items);
        builder.HasOne<Jurisdiction>().WithMany().HasForeignKey(c => c.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.JurisdictionId, c.IsCurrent });
        builder.HasMany(c => c.Domains).WithOne().HasForeignKey(d => d.CatalogId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Domains).AutoInclude();
    }
}

internal sealed class FactorDomainConfiguration : IEntityTypeConfiguration<FactorDomain>
{
    public void Configure(EntityTypeBuilder<FactorDomain> builder)
    {
        builder.Property(d => d.Code).HasMaxLength(FactorDomain.CodeMaxLength).IsRequired();
        builder.Property(d => d.Name).HasMaxLength(FactorDomain.NameMaxLength).IsRequired();
        builder.HasMany(d => d.Items).WithOne().HasForeignKey(i => i.DomainId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(d => d.Items).AutoInclude();
    }
}

internal sealed class FactorItemConfiguration : IEntityTypeConfiguration<FactorItem>
{
    public void Configure(EntityTypeBuilder<FactorItem> builder)
    {
        builder.Property(i => i.Code).HasMaxLength(FactorItem.CodeMaxLength).IsRequired();
        builder.Property(i => i.Name).HasMaxLength(FactorItem.NameMaxLength).IsRequired();
        builder.Property(i => i.Guidance).HasMaxLength(FactorItem.GuidanceMaxLength);
        builder.Ignore(i => i.IsRetired);
    }
}

internal sealed class FindingConfiguration : IEntityTypeConfiguration<Finding>
{
    public void Configure(EntityTypeBuilder<Finding> builder)
    {
        builder.Property(f => f.Description).HasMaxLength(Finding.DescriptionMaxLength).IsRequired();
        builder.Property(f => f.NoActionReason).HasMaxLength(Finding.ReasonMaxLength);
        builder.Property(f => f.Version).IsConcurrencyToken();
        builder.HasOne<Review>().WithMany().HasForeignKey(f => f.ReviewId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<FactorItem>().WithMany().HasForeignKey(f => f.FactorItemId).OnDelete(DeleteBehavior.Restrict);
        // A review's findings; trends count ratings and catalog items from this index alone.
        builder.HasIndex(f => new { f.ReviewId, f.Rating, f.FactorItemId });
        builder.HasMany(f => f.Evidence).WithOne().HasForeignKey(e => e.FindingId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(f => f.Evidence).AutoInclude();
    }
}

internal sealed class FindingEvidenceConfiguration : IEntityTypeConfiguration<FindingEvidence>
{
    public void Configure(EntityTypeBuilder<FindingEvidence> builder) =>
        builder.HasIndex(e => new { e.FindingId, e.Kind, e.TargetId }).IsUnique();
}

internal sealed class ReviewActionConfiguration : IEntityTypeConfiguration<ReviewAction>
{
    public void Configure(EntityTypeBuilder<ReviewAction> builder)
    {
        builder.Property(a => a.WhatWillBeDone).HasMaxLength(ReviewAction.TextMaxLength).IsRequired();
        builder.Property(a => a.Measure).HasMaxLength(ReviewAction.TextMaxLength).IsRequired();
        builder.Property(a => a.StatusNote).HasMaxLength(ReviewAction.TextMaxLength);
        builder.Property(a => a.OwnerName).HasMaxLength(ReviewAction.OwnerMaxLength).IsRequired();
        builder.Property(a => a.OwnerUnit).HasMaxLength(ReviewAction.OwnerMaxLength).IsRequired();
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasOne<Review>().WithMany().HasForeignKey(a => a.ReviewId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Finding>().WithMany().HasForeignKey(a => a.FindingId).OnDelete(DeleteBehavior.Restrict);
        // A finding's actions; trends count them by strength and status from this index alone.
        builder.HasIndex(a => new { a.ReviewId, a.FindingId, a.Strength, a.Status });

        // The Actions page and My work read a jurisdiction's followed-up actions by their follow-up key
        // (Features.FollowUp.FollowUpActions), each filter from one index range: counted and paged by
        // due date from the first (Id is in every index, so "due date, then id" is its order); with a
        // status filter, or the open statuses of "overdue" counted, from the second; with a strength
        // filter, from the third.
        builder.HasIndex(a => new { a.FollowUpJurisdictionId, a.DueDate });
        builder.HasIndex(a => new { a.FollowUpJurisdictionId, a.Status, a.DueDate });
        builder.HasIndex(a => new { a.FollowUpJurisdictionId, a.Strength, a.DueDate });
    }
}
