using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NPCS.Reviews.Domain.Jurisdictions;
using NPCS.Reviews.Domain.Surveys;

namespace NPCS.Reviews.Application.Data.Configurations;

internal sealed class SurveyInstrumentConfiguration : IEntityTypeConfiguration<SurveyInstrument>
{
    public void Configure(EntityTypeBuilder<SurveyInstrument> builder)
    {
        builder.Property(i => i.Name).HasMaxLength(InstrumentDefinition.NameMaxLength).IsRequired();
        builder.Property(i => i.Definition).IsRequired();
        builder.HasOne<Jurisdiction>().WithMany().HasForeignKey(i => i.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(i => new { i.JurisdictionId, i.Name, i.Version }).IsUnique();
    }
}

internal sealed class SurveyWaveConfiguration : IEntityTypeConfiguration<SurveyWave>
{
    public void Configure(EntityTypeBuilder<SurveyWave> builder)
    {
        builder.Property(w => w.Title).HasMaxLength(SurveyWave.TitleMaxLength).IsRequired();
        builder.HasOne<Jurisdiction>().WithMany().HasForeignKey(w => w.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<SurveyInstrument>().WithMany().HasForeignKey(w => w.InstrumentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(w => w.Units).WithOne().HasForeignKey(u => u.WaveId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(w => w.Units).AutoInclude();
        builder.HasIndex(w => new { w.JurisdictionId, w.OpensOn });
    }
}

internal sealed class SurveyUnitConfiguration : IEntityTypeConfiguration<SurveyUnit>
{
    public void Configure(EntityTypeBuilder<SurveyUnit> builder)
    {
        builder.Property(u => u.Name).HasMaxLength(SurveyUnit.NameMaxLength).IsRequired();
    }
}

internal sealed class SurveyLinkConfiguration : IEntityTypeConfiguration<SurveyLink>
{
    public void Configure(EntityTypeBuilder<SurveyLink> builder)
    {
        builder.Property(l => l.TokenHash).HasMaxLength(SurveyLink.HashLength).IsRequired();
        builder.HasIndex(l => l.TokenHash).IsUnique();

        // Two submissions through one link at once: the second finds the link changed and is refused.
        builder.Property(l => l.Used).IsConcurrencyToken();
        builder.HasOne<SurveyWave>().WithMany().HasForeignKey(l => l.WaveId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SurveyUnit>().WithMany().HasForeignKey(l => l.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => new { l.WaveId, l.UnitId, l.Used });
    }
}

internal sealed class SurveyDraftConfiguration : IEntityTypeConfiguration<SurveyDraft>
{
    public void Configure(EntityTypeBuilder<SurveyDraft> builder)
    {
        builder.HasKey(d => d.LinkHash);
        builder.Property(d => d.LinkHash).HasMaxLength(SurveyLink.HashLength);
        builder.Property(d => d.Answers).IsRequired();
    }
}

internal sealed class SurveyResponseConfiguration : IEntityTypeConfiguration<SurveyResponse>
{
    public void Configure(EntityTypeBuilder<SurveyResponse> builder)
    {
        // A random key made by the constructor: a sequential one (SQL Server's default for GUIDs) would tell submission order.
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasOne<SurveyWave>().WithMany().HasForeignKey(r => r.WaveId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SurveyUnit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Answers).WithOne().HasForeignKey(a => a.ResponseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.WaveId, r.UnitId });
    }
}

internal sealed class SurveyAnswerConfiguration : IEntityTypeConfiguration<SurveyAnswer>
{
    public void Configure(EntityTypeBuilder<SurveyAnswer> builder)
    {
        builder.HasKey(a => new { a.ResponseId, a.ItemCode });
        builder.Property(a => a.ItemCode).HasMaxLength(SurveyItemDefinition.CodeMaxLength);
    }
}

internal sealed class SharedSurveyWaveConfiguration : IEntityTypeConfiguration<SharedSurveyWave>
{
    public void Configure(EntityTypeBuilder<SharedSurveyWave> builder)
    {
        builder.Property(w => w.JurisdictionCode).HasMaxLength(SharedExtract.JurisdictionCodeMaxLength).IsRequired();
        builder.Property(w => w.InstrumentName).HasMaxLength(InstrumentDefinition.NameMaxLength).IsRequired();
        builder.Property(w => w.ImportedByUserId).HasMaxLength(450).IsRequired();
        builder.HasMany(w => w.Means).WithOne().HasForeignKey(m => m.WaveId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(w => new { w.JurisdictionCode, w.InstrumentName, w.InstrumentVersion, w.OpensOn, w.ClosesOn }).IsUnique();
    }
}

internal sealed class SharedSurveyMeanConfiguration : IEntityTypeConfiguration<SharedSurveyMean>
{
    public void Configure(EntityTypeBuilder<SharedSurveyMean> builder)
    {
        builder.Property(m => m.Unit).HasMaxLength(SurveyUnit.NameMaxLength);
        builder.Property(m => m.DomainCode).HasMaxLength(SurveyDomainDefinition.CodeMaxLength).IsRequired();
        builder.Property(m => m.DomainName).HasMaxLength(SurveyDomainDefinition.NameMaxLength).IsRequired();
    }
}
