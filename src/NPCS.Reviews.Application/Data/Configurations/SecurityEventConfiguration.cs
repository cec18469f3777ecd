using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NPCS.Reviews.Domain.Jurisdictions;

namespace NPCS.Reviews.Application.Data.Configurations;

internal sealed class SecurityEventConfiguration : IEntityTypeConfiguration<SecurityEvent>
{
    public void Configure(EntityTypeBuilder<SecurityEvent> builder)
    {
        builder.Property(e => e.Kind).HasConversion<int>();
        builder.Property(e => e.ActorUserId).HasMaxLength(450);
        builder.Property(e => e.SubjectUserId).HasMaxLength(450);
        builder.Property(e => e.Detail).HasMaxLength(SecurityEvent.DetailMaxLength);
        builder.Property(e => e.ClientAddress).HasMaxLength(SecurityEvent.ClientAddressMaxLength);
        builder.HasOne<Jurisdiction>().WithMany().HasForeignKey(e => e.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.JurisdictionId, e.At });
    }
}
