using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NPCS.Reviews.Domain.Jurisdictions;

namespace NPCS.Reviews.Application.Data.Configurations;

internal sealed class JurisdictionConfiguration : IEntityTypeConfiguration<Jurisdiction>
{
    public void Configure(EntityTypeBuilder<Jurisdiction> builder)
    {
        builder.Property(j => j.Name).HasMaxLength(Jurisdiction.NameMaxLength).IsRequired();
        builder.Property(j => j.Code).HasMaxLength(Jurisdiction.CodeMaxLength).IsRequired();
        builder.HasIndex(j => j.Code).IsUnique();
        builder.Property(j => j.Kind).HasConversion<int>();
        builder.Property(j => j.TimeZoneId).HasMaxLength(Jurisdiction.TimeZoneMaxLength).IsRequired().HasDefaultValue(Jurisdiction.DefaultTimeZone);
        builder.Property(j => j.Version).IsConcurrencyToken();
        builder.Property(j => j.PseudonymKey).HasMaxLength(Jurisdiction.PseudonymKeyLength).IsRequired();
        builder.ComplexProperty(j => j.Policy, p =>
        {
            p.Property(x => x.LookBackMonths).HasColumnName("PolicyLookBackMonths");
            p.Property(x => x.DaysToFirstDebrief).HasColumnName("PolicyDaysToFirstDebrief");
            p.Property(x => x.DaysToCompletion).HasColumnName("PolicyDaysToCompletion");
        });
    }
}
