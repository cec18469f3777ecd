using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NPCS.Reviews.Application.Features.Surveys;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Catalog;
using NPCS.Reviews.Domain.Jurisdictions;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.Domain.Surveys;

namespace NPCS.Reviews.Application.Data.Seeding;

public sealed record DemoAccount(string Email, string DisplayName, string Role, string? JurisdictionCode);

/// <summary>
/// Roles always exist. Demo jurisdictions and accounts exist only where <c>Seed:Demo</c> is true
/// (Development). Every step checks before it writes, so running it again changes nothing.
/// </summary>
public sealed partial class Seeder(
    ReviewsDbContext db,
    UserManager<ApplicationUser> users,
    RoleManager<IdentityRole> roles,
    TimeProvider time,
    ILogger<Seeder> logger)
{
    public const string DemoCode = "DEMO";
    public const string OtherCode = "OTHR";

    public static IReadOnlyList<DemoAccount> DemoAccounts { get; } =
    [
        new("caseworker@demo.local", "Casey Caseworker", Roles.Caseworker, DemoCode),
        new("facilitator@demo.local", "Frances Facilitator", Roles.Facilitator, DemoCode),
        new("supervisor@demo.local", "Sam Supervisor", Roles.Supervisor, DemoCode),
        new("admin@demo.local", "Alex Administrator", Roles.Administrator, DemoCode),
        new("analyst@demo.local", "Ana Analyst", Roles.Analyst, null),
        new("other.caseworker@demo.local", "Olive Other-County", Roles.Caseworker, OtherCode),
    ];

    public async Task SeedRolesAsync(CancellationToken ct = default)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)));
            }
        }

        ct.ThrowIfCancellationRequested();
    }

    /// <param name="password">The demo accounts' password.</param>
    /// <param name="withHistory">Also a year of approved Demo County reviews (what <c>dotnet run</c> shows); tests that need them ask.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task SeedDemoAsync(string password, bool withHistory = false, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(password);
        await SeedRolesAsync(ct);
        var demo = await EnsureJurisdictionAsync("Demo County", DemoCode, ct);
        var other = await EnsureJurisdictionAsync("Other County", OtherCode, ct);
        foreach (var account in DemoAccounts)
        {
            var jurisdictionId = account.JurisdictionCode switch
            {
                DemoCode => demo.Id,
                OtherCode => other.Id,
                _ => (int?)null,
            };
            await EnsureUserAsync(account, jurisdictionId, password);
        }

        await EnsureOtherCountyReviewAsync(other, ct);
        await EnsureDemoCountyReviewAsync(demo, ct);
        await EnsureCatalogsAsync(ct);
        if (withHistory)
        {
            await new DemoHistory(db, users).EnsureAsync(demo, time.GetUtcNow(), ct);
            await new DemoSurvey(db).EnsureAsync(demo, time.GetUtcNow(), ct);
        }

        LogSeeded(logger, DemoAccounts.Count);
    }

    /// <summary>Every jurisdiction has a factor catalog to code findings with: the default one until its Administrator imports another.</summary>
    public async Task EnsureCatalogsAsync(CancellationToken ct = default)
    {
        var without = await db.Jurisdictions.IgnoreQueryFilters()
            .Where(j => !db.FactorCatalogs.IgnoreQueryFilters().Any(c => c.JurisdictionId == j.Id))
            .Select(j => j.Id)
            .ToListAsync(ct);
        foreach (var jurisdictionId in without)
        {
            db.FactorCatalogs.Add(FactorCatalog.Create(jurisdictionId, DefaultCatalog.Definition, time.GetUtcNow()));
        }

        // And a survey instrument to open waves with: the default one, until an Administrator imports another.
        var withoutInstrument = await db.Jurisdictions.IgnoreQueryFilters()
            .Where(j => !db.SurveyInstruments.IgnoreQueryFilters().Any(i => i.JurisdictionId == j.Id))
            .Select(j => j.Id)
            .ToListAsync(ct);
        foreach (var jurisdictionId in withoutInstrument)
        {
            db.SurveyInstruments.Add(new SurveyInstrument(jurisdictionId, DefaultInstrument.Definition, SurveyJson.Serialize(DefaultInstrument.Definition), time.GetUtcNow()));
        }

        if (without.Count > 0 || withoutInstrument.Count > 0)
        {
            await db.SaveChangesAsync(ct);
        }
    }

    private async Task<Jurisdiction> EnsureJurisdictionAsync(string name, string code, CancellationToken ct)
    {
        var existing = await db.Jurisdictions.IgnoreQueryFilters().SingleOrDefaultAsync(j => j.Code == code, ct);
        if (existing is not null)
        {
            return existing;
        }

        var jurisdiction = new Jurisdiction(name, JurisdictionKind.County, code);

        // Demo data lives only on a developer's machine (and in tests): its Supervisor and
        // Administrator sign in with the demo password alone, so `dotnet run` works at once.
        jurisdiction.SetTwoFactorRequirement(false);
        db.Jurisdictions.Add(jurisdiction);
        await db.SaveChangesAsync(ct);
        return jurisdiction;
    }

    private async Task EnsureUserAsync(DemoAccount account, int? jurisdictionId, string password)
    {
        if (await users.FindByEmailAsync(account.Email) is not null)
        {
            return;
        }

        var user = ApplicationUser.Open(account.Email, account.DisplayName, jurisdictionId, time.GetUtcNow());
        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRoleAsync(user, account.Role));
    }

    /// <summary>One review in Other County, so the demo shows that Demo County users cannot see it.</summary>
    private async Task EnsureOtherCountyReviewAsync(Jurisdiction other, CancellationToken ct)
    {
        if (await db.Reviews.IgnoreQueryFilters().AnyAsync(r => r.JurisdictionId == other.Id, ct))
        {
            return;
        }

        var author = await users.FindByEmailAsync("other.caseworker@demo.local")
            ?? throw new InvalidOperationException("The Other County caseworker was not created.");
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var intake = new IntakeDetails(
            IncidentType.NearFatality,
            today.AddDays(-10),
            today.AddDays(-9),
            14,
            ChildSex.Unknown,
            RaceEthnicity.Unknown,
            "OTHR-CASE-001",
            YesNoUnknown.No,
            null,
            0,
            YesNoUnknown.Unknown,
            MaltreatmentType.NoneAlleged,
            CauseCategory.Undetermined,
            "Demo record of another jurisdiction.");
        db.Reviews.Add(Review.Record(other, intake, now.Year, 1, author.Id, now));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// One Demo County review past its intake, with the demo facilitator assigned and a short
    /// chronology, so the family-needs analysis and the debrief can be tried straight away.
    /// All of it is invented.
    /// </summary>
    private async Task EnsureDemoCountyReviewAsync(Jurisdiction demo, CancellationToken ct)
    {
        if (await db.Reviews.IgnoreQueryFilters().AnyAsync(r => r.JurisdictionId == demo.Id, ct))
        {
            return;
        }

        var author = await users.FindByEmailAsync("caseworker@demo.local")
            ?? throw new InvalidOperationException("The Demo County caseworker was not created.");
        var facilitator = await users.FindByEmailAsync("facilitator@demo.local")
            ?? throw new InvalidOperationException("The Demo County facilitator was not created.");
        var now = time.GetUtcNow();
        var today = demo.Today(now);
        var intake = new IntakeDetails(
            IncidentType.NearFatality,
            today.AddDays(-12),
            today.AddDays(-11),
            7,
            ChildSex.Female,
            RaceEthnicity.Unknown,
            "DEMO-CASE-001",
            YesNoUnknown.Yes,
            today.AddDays(-40),
            2,
            YesNoUnknown.No,
            MaltreatmentType.Neglect,
            CauseCategory.UnsafeSleep,
            "Demo record: an infant was found unresponsive after an unsafe sleep episode and recovered in hospital.");
        var review = Review.Record(demo, intake, now.Year, 1, author.Id, now);
        review.CompleteIntake(now);
        review.AssignFacilitator(facilitator.Id, now);
        db.Reviews.Add(review);
        await db.SaveChangesAsync(ct);

        db.ChronologyEntries.AddRange(
            review.AddChronologyEntry(new ChronologyDetails(
                today.AddDays(-90), new TimeOnly(10, 15), ChronologySource.ThisAgency,
                "Hotline report from a neighbour about the home's condition; screened in for a family assessment.",
                "Two earlier reports, neither substantiated. No safe-sleep concerns on record.")),
            review.AddChronologyEntry(new ChronologyDetails(
                today.AddDays(-60), null, ChronologySource.Medical,
                "Well-baby visit at the county clinic; mother asked about help with a crib.",
                "The clinic's note did not reach the agency.")),
            review.AddChronologyEntry(new ChronologyDetails(
                today.AddDays(-40), new TimeOnly(14, 0), ChronologySource.ThisAgency,
                "Home visit by the assigned worker; family assessment closed with a referral to parenting classes.",
                "The referral went to a programme with a six-week waitlist.")));
        await db.SaveChangesAsync(ct);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Seeding failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data ensured: 2 jurisdictions, {AccountCount} accounts, a review in each")]
    private static partial void LogSeeded(ILogger logger, int accountCount);
}
