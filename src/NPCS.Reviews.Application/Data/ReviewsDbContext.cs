using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Catalog;
using NPCS.Reviews.Domain.Jurisdictions;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.Domain.Surveys;

namespace NPCS.Reviews.Application.Data;

/// <summary>
/// The one DbContext: Identity's schema plus the review data. Every jurisdiction-owned entity has a
/// global query filter on the current user's jurisdiction, so a handler cannot forget the scope.
/// </summary>
public class ReviewsDbContext(DbContextOptions<ReviewsDbContext> options, ICurrentUser currentUser, TimeProvider time)
    : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    /// <summary>ASP.NET Core Data Protection keys, shared by every web instance (cookies, antiforgery, set-password links).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Jurisdiction> Jurisdictions => Set<Jurisdiction>();

    public DbSet<Review> Reviews => Set<Review>();

    public DbSet<ReviewChange> ReviewChanges => Set<ReviewChange>();

    public DbSet<ChronologyEntry> ChronologyEntries => Set<ChronologyEntry>();

    public DbSet<Need> Needs => Set<Need>();

    public DbSet<FamilyNeedsAnalysis> FamilyNeedsAnalyses => Set<FamilyNeedsAnalysis>();

    public DbSet<DebriefSession> DebriefSessions => Set<DebriefSession>();

    public DbSet<DecisionPoint> DecisionPoints => Set<DecisionPoint>();

    public DbSet<FactorCatalog> FactorCatalogs => Set<FactorCatalog>();

    public DbSet<Finding> Findings => Set<Finding>();

    public DbSet<ReviewAction> ReviewActions => Set<ReviewAction>();

    /// <summary>Sign-ins, account and role changes: append-only, scoped to the jurisdiction of the account concerned.</summary>
    public DbSet<SecurityEvent> SecurityEvents => Set<SecurityEvent>();

    /// <summary>De-identified extracts this jurisdiction downloaded (who, when, period, rows).</summary>
    public DbSet<ExtractExport> ExtractExports => Set<ExtractExport>();

    /// <summary>NPCS hub: extract files imported by Analysts. Belongs to no jurisdiction; read only in aggregate.</summary>
    public DbSet<SharedExtract> SharedExtracts => Set<SharedExtract>();

    /// <summary>NPCS hub: the de-identified reviews of the imported extracts, one line each.</summary>
    public DbSet<SharedReview> SharedReviews => Set<SharedReview>();

    /// <summary>Safety culture survey instruments, one row per imported version.</summary>
    public DbSet<SurveyInstrument> SurveyInstruments => Set<SurveyInstrument>();

    public DbSet<SurveyWave> SurveyWaves => Set<SurveyWave>();

    public DbSet<SurveyUnit> SurveyUnits => Set<SurveyUnit>();

    /// <summary>Invitation links: token hash, unit and whether used; nothing ties one to a response.</summary>
    public DbSet<SurveyLink> SurveyLinks => Set<SurveyLink>();

    /// <summary>Half-finished answers by link hash, deleted when the response is submitted.</summary>
    public DbSet<SurveyDraft> SurveyDrafts => Set<SurveyDraft>();

    /// <summary>Submitted questionnaires: wave, unit, date and answers only.</summary>
    public DbSet<SurveyResponse> SurveyResponses => Set<SurveyResponse>();

    public DbSet<SurveyAnswer> SurveyAnswers => Set<SurveyAnswer>();

    /// <summary>NPCS hub: survey aggregates imported by Analysts (domain means per unit and wave).</summary>
    public DbSet<SharedSurveyWave> SharedSurveyWaves => Set<SharedSurveyWave>();

    /// <summary>True on the embedded SQLite provider, false on SQL Server.</summary>
    internal bool IsSqlite => Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite";

    /// <summary>Read by the query filters on every query (EF parameterizes it per context instance).</summary>
    internal int? ScopeJurisdictionId => currentUser.JurisdictionId;

    /// <summary>The users of the current jurisdiction. Identity's own queries (sign-in) must see every user, so users get no global filter.</summary>
    public IQueryable<ApplicationUser> JurisdictionUsers =>
        Users.Where(u => u.JurisdictionId != null && u.JurisdictionId == ScopeJurisdictionId);

    /// <summary>
    /// The display names of these users of the current jurisdiction, by id (nulls and repeats are
    /// skipped). Only the two columns are read: a user row also holds the password hash and stamps.
    /// </summary>
    public async Task<Dictionary<string, string>> DisplayNamesAsync(IEnumerable<string?> userIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        string[] ids = [.. userIds.OfType<string>().Distinct()];
        if (ids.Length == 0)
        {
            return [];
        }

        if (ids.Length > NamesPerCompiledQuery)
        {
            // One list parameter (EF.Parameter): by default EF Core 10 writes one parameter per id, and
            // such SQL is not cached, so it would be generated again at every call.
            return await JurisdictionUsers.Where(u => EF.Parameter(ids).Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        }

        // Most calls name a review's few people: the compiled query, the unused places given the last id again.
        string At(int n) => ids[Math.Min(n, ids.Length - 1)];
        var names = new Dictionary<string, string>(ids.Length, StringComparer.Ordinal);
        await foreach (var user in NamesOf(this, ScopeJurisdictionId, At(0), At(1), At(2), At(3), At(4), At(5), At(6), At(7)).WithCancellation(ct))
        {
            names[user.Id] = user.DisplayName;
        }

        return names;
    }

    private const int NamesPerCompiledQuery = 8;

    // Compiled once: a LINQ query is rebuilt and looked up in EF Core's cache at every call, which
    // cost an overview three times its review's own (compiled) read. It states JurisdictionUsers' test
    // itself, with the scope as a parameter: a compiled query cannot start from a property of the context.
    private static readonly Func<ReviewsDbContext, int?, string, string, string, string, string, string, string, string, IAsyncEnumerable<UserName>> NamesOf = EF.CompileAsyncQuery(
        (ReviewsDbContext db, int? scope, string a, string b, string c, string d, string e, string f, string g, string h) =>
            db.Users
                .Where(u => u.JurisdictionId != null && u.JurisdictionId == scope
                    && (u.Id == a || u.Id == b || u.Id == c || u.Id == d || u.Id == e || u.Id == f || u.Id == g || u.Id == h))
                .Select(u => new UserName(u.Id, u.DisplayName)));

    private sealed record UserName(string Id, string DisplayName);

    /// <summary>
    /// The name of the filter a review's parts share (visible when their review is). Only a query that
    /// joins the filtered <see cref="Reviews"/> itself, or reads the followed-up actions (which make the
    /// same test on a copy of the review's jurisdiction, Features.FollowUp.FollowUpActions), may ignore it, and only it.
    /// </summary>
    public const string ThroughReview = nameof(ThroughReview);

    /// <summary>
    /// <see cref="ThroughReview"/> as the list <c>IgnoreQueryFilters</c> takes, for compiled queries
    /// (an expression tree cannot hold a collection expression).
    /// </summary>
    internal static readonly string[] ThroughReviewFilters = [ThroughReview];

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ReviewsDbContext).Assembly);

        builder.Entity<Jurisdiction>().HasQueryFilter(j => j.Id == ScopeJurisdictionId);
        builder.Entity<Review>().HasQueryFilter(r => r.JurisdictionId == ScopeJurisdictionId);

        // A review's parts are visible exactly when their review is: the filter reuses the Reviews filter.
        // It is named so a query that already joins the (filtered) Reviews can leave out the repeated test.
        builder.Entity<ReviewChange>().HasQueryFilter(ThroughReview, c => Reviews.Any(r => r.Id == c.ReviewId));
        builder.Entity<ChronologyEntry>().HasQueryFilter(ThroughReview, e => Reviews.Any(r => r.Id == e.ReviewId));
        builder.Entity<Need>().HasQueryFilter(ThroughReview, e => Reviews.Any(r => r.Id == e.ReviewId));
        builder.Entity<FamilyNeedsAnalysis>().HasQueryFilter(ThroughReview, e => Reviews.Any(r => r.Id == e.ReviewId));
        builder.Entity<DebriefSession>().HasQueryFilter(ThroughReview, e => Reviews.Any(r => r.Id == e.ReviewId));
        builder.Entity<DecisionPoint>().HasQueryFilter(ThroughReview, e => Reviews.Any(r => r.Id == e.ReviewId));
        builder.Entity<Finding>().HasQueryFilter(ThroughReview, e => Reviews.Any(r => r.Id == e.ReviewId));
        builder.Entity<ReviewAction>().HasQueryFilter(ThroughReview, e => Reviews.Any(r => r.Id == e.ReviewId));
        builder.Entity<FactorCatalog>().HasQueryFilter(c => c.JurisdictionId == ScopeJurisdictionId);
        builder.Entity<ExtractExport>().HasQueryFilter(e => e.JurisdictionId == ScopeJurisdictionId);

        // Survey data is the jurisdiction's; the anonymous answer pages reach their link by its hash alone (IgnoreQueryFilters).
        builder.Entity<SurveyInstrument>().HasQueryFilter(i => i.JurisdictionId == ScopeJurisdictionId);
        builder.Entity<SurveyWave>().HasQueryFilter(w => w.JurisdictionId == ScopeJurisdictionId);
        builder.Entity<SurveyUnit>().HasQueryFilter(u => SurveyWaves.Any(w => w.Id == u.WaveId));
        builder.Entity<SurveyLink>().HasQueryFilter(l => SurveyWaves.Any(w => w.Id == l.WaveId));
        builder.Entity<SurveyDraft>().HasQueryFilter(d => SurveyLinks.Any(l => l.TokenHash == d.LinkHash));
        builder.Entity<SurveyResponse>().HasQueryFilter(r => SurveyWaves.Any(w => w.Id == r.WaveId));
        builder.Entity<SurveyAnswer>().HasQueryFilter(a => SurveyResponses.Any(r => r.Id == a.ResponseId));

        // Lines outside every jurisdiction (unknown accounts) are visible to no one here, not even to analysts.
        builder.Entity<SecurityEvent>().HasQueryFilter(e => e.JurisdictionId != null && e.JurisdictionId == ScopeJurisdictionId);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        EnsureSecurityLogAppendOnly();
        ReviewHistory.Record(this, currentUser.UserId, time.GetUtcNow());
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        EnsureSecurityLogAppendOnly();
        ReviewHistory.Record(this, currentUser.UserId, time.GetUtcNow());
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void EnsureSecurityLogAppendOnly()
    {
        if (ChangeTracker.Entries<SecurityEvent>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("The security log is append-only: its lines cannot be changed or deleted.");
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        base.ConfigureConventions(configurationBuilder);

        // SQLite has no date-time-offset type and cannot order or compare the text EF would store;
        // a sortable 64-bit value keeps time stamps comparable there. SQL Server keeps datetimeoffset.
        if (IsSqlite)
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }
}
