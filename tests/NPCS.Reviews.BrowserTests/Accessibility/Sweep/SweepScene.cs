using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Data.Seeding;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.BrowserTests.Infrastructure;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.TestSupport;

namespace NPCS.Reviews.BrowserTests.Accessibility.Sweep;

/// <summary>The review stages the sweep visits: the workflow's stages plus the two ways back into Findings.</summary>
public static class SweepStage
{
    public const string None = "-";
    public const string ScreenedOut = "screened out";
    public const string Intake = "Intake";
    public const string FamilyNeeds = "Family needs";
    public const string Debrief = "Debrief";
    public const string Findings = "Findings";
    public const string Approval = "Approval";

    /// <summary>Sent back from Approval with comments: Findings again, with a finding, an action and the comments.</summary>
    public const string Returned = "returned with comments";
    public const string Approved = "Approved";

    /// <summary>Approved, then reopened to its findings by a Supervisor with a reason.</summary>
    public const string Reopened = "reopened";

    public static IReadOnlyList<string> All { get; } = [ScreenedOut, Intake, FamilyNeeds, Debrief, Findings, Approval, Returned, Approved, Reopened];
}

/// <summary>The ids of one review of the sweep and of its records; null where the stage has none of a kind.</summary>
public sealed record SweepReview(int Id, int? EntryId, int? NeedId, int? SessionId, int? PointId, int? FindingId, int? ActionId);

/// <summary>
/// The data the sweep visits, built once through the domain and the shared scenes: a Demo County review
/// at every stage (each with a chronology entry, and the records its stage allows: a need being analysed,
/// a session with participants and ground rules, decision points, findings and actions), a survey wave
/// with links and responses, an account to edit and an account with two-factor sign-in turned on.
/// </summary>
public sealed record SweepScene(
    IReadOnlyDictionary<string, SweepReview> Reviews,
    int WaveId,
    string SurveyToken,
    string UserId,
    string TwoFactorEmail)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static (BrowserFixture App, SweepScene Scene)? _built;

    public SweepReview this[string stage] => Reviews[stage];

    /// <summary>The scene of this fixture's app, built on first use and shared by every fact of the sweep.</summary>
    public static async Task<SweepScene> OfAsync(BrowserFixture app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await Gate.WaitAsync();
        try
        {
            if (_built is not { } built || !ReferenceEquals(built.App, app))
            {
                built = (app, await BuildAsync(app.Services));
                _built = built;
            }

            return built.Scene;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<SweepScene> BuildAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReviewsDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var now = TimeProvider.System.GetUtcNow();
        var supervisor = await users.FindByEmailAsync(ReviewScene.Supervisor) ?? throw new InvalidOperationException("No demo supervisor.");

        async Task<Review> At(ReviewStage stage)
        {
            var id = await ReviewScene.CreateAtAsync(db, users, stage, now, withChronologyEntry: true);
            return await db.Reviews.IgnoreQueryFilters().SingleAsync(r => r.Id == id);
        }

        var reviews = new Dictionary<string, SweepReview>();

        // Screened out: the intake corrected to an incident type the policy does not review.
        var screened = await At(ReviewStage.Intake);
        var jurisdiction = await db.Jurisdictions.IgnoreQueryFilters().SingleAsync(j => j.Id == screened.JurisdictionId);
        var today = jurisdiction.Today(now);
        screened.UpdateIntake(
            new IntakeDetails(
                IncidentType.OtherCriticalIncident, today.AddDays(-5), today.AddDays(-4), 7, ChildSex.Female, RaceEthnicity.Unknown,
                $"SWEEP-{Guid.NewGuid():N}"[..20], YesNoUnknown.No, null, 0, YesNoUnknown.No, MaltreatmentType.Neglect, CauseCategory.UnsafeSleep, null),
            jurisdiction.Policy,
            now);
        await db.SaveChangesAsync();
        reviews[SweepStage.ScreenedOut] = await IdsAsync(db, screened.Id);
        reviews[SweepStage.Intake] = await IdsAsync(db, (await At(ReviewStage.Intake)).Id);

        // Family needs with a need to edit.
        var needs = await At(ReviewStage.FamilyNeeds);
        db.Needs.Add(needs.AddNeed(new NeedDetails(NeedCategory.Housing, "Stable housing", NeedStatus.IdentifiedUnmet, NeedBarrier.Waitlist, null)));
        await db.SaveChangesAsync();
        reviews[SweepStage.FamilyNeeds] = await IdsAsync(db, needs.Id);

        // Debrief with a session (caseworker and an outside participant, ground rules agreed) and a decision point.
        var debrief = await At(ReviewStage.Debrief);
        var live = await LiveSessionScene.ScheduleAsync(db, users, debrief.Id, now, withCaseworker: true, groundRules: true);
        var session = await db.DebriefSessions.IgnoreQueryFilters().SingleAsync(s => s.Id == live.SessionId);
        db.DecisionPoints.Add(debrief.AddDecisionPoint(
            session,
            new DecisionDetails(today.AddDays(-30), null, DeciderRole.Investigator, "Closed the assessment", null, null, null, Pressure.Workload, null),
            null,
            now));
        await db.SaveChangesAsync();
        reviews[SweepStage.Debrief] = await IdsAsync(db, debrief.Id);

        reviews[SweepStage.Findings] = await IdsAsync(db, (await At(ReviewStage.Findings)).Id);
        reviews[SweepStage.Approval] = await IdsAsync(db, (await At(ReviewStage.Approval)).Id);

        var returned = await At(ReviewStage.Approval);
        returned.Return("Say which protocol the action means and who signs it off.", supervisor.Id, now);
        await db.SaveChangesAsync();
        reviews[SweepStage.Returned] = await IdsAsync(db, returned.Id);

        reviews[SweepStage.Approved] = await IdsAsync(db, (await At(ReviewStage.Approved)).Id);

        var reopened = await At(ReviewStage.Approved);
        reopened.Reopen(ReviewStage.Findings, await db.ReviewActions.IgnoreQueryFilters().Where(a => a.ReviewId == reopened.Id).ToListAsync(), "The action's owner has left the agency.", supervisor.Id, now);
        await db.SaveChangesAsync();
        reviews[SweepStage.Reopened] = await IdsAsync(db, reopened.Id);

        // A wave with its links and enough responses for the results and their charts.
        var wave = await SurveyScene.OpenAsync(db, Seeder.DemoCode, today, today.AddDays(10), ("Sweep intake team", 6), ("Sweep small team", 3), ("Sweep questionnaire", 1));
        await SurveyScene.AddResponsesAsync(db, wave.WaveId, "Sweep intake team", 6, 5, today);
        await SurveyScene.AddResponsesAsync(db, wave.WaveId, "Sweep small team", 2, 3, today);

        var caseworker = await users.FindByEmailAsync(ReviewScene.Participant) ?? throw new InvalidOperationException("No demo caseworker.");

        // Its own account, so turning two-factor on changes nothing for other tests.
        var twoFactorEmail = $"sweep.twofactor.{Guid.NewGuid().ToString("N")[..8]}@demo.local";
        var twoFactor = await ReviewScene.EnsureAccountAsync(db, users, twoFactorEmail, "Sam Sweep", Roles.Caseworker, Seeder.DemoCode, BrowserFixture.Password, now);
        await users.ResetAuthenticatorKeyAsync(twoFactor);
        await users.SetTwoFactorEnabledAsync(twoFactor, true);

        return new SweepScene(reviews, wave.WaveId, wave.Tokens["Sweep questionnaire"][0], caseworker.Id, twoFactorEmail);
    }

    private static async Task<SweepReview> IdsAsync(ReviewsDbContext db, int id) => new(
        id,
        await db.ChronologyEntries.IgnoreQueryFilters().Where(e => e.ReviewId == id).OrderBy(e => e.Id).Select(e => (int?)e.Id).FirstOrDefaultAsync(),
        await db.Needs.IgnoreQueryFilters().Where(n => n.ReviewId == id).OrderBy(n => n.Id).Select(n => (int?)n.Id).FirstOrDefaultAsync(),
        await db.DebriefSessions.IgnoreQueryFilters().Where(s => s.ReviewId == id).OrderBy(s => s.Id).Select(s => (int?)s.Id).FirstOrDefaultAsync(),
        await db.DecisionPoints.IgnoreQueryFilters().Where(p => p.ReviewId == id).OrderBy(p => p.Id).Select(p => (int?)p.Id).FirstOrDefaultAsync(),
        await db.Findings.IgnoreQueryFilters().Where(f => f.ReviewId == id).OrderBy(f => f.Id).Select(f => (int?)f.Id).FirstOrDefaultAsync(),
        await db.ReviewActions.IgnoreQueryFilters().Where(a => a.ReviewId == id).OrderBy(a => a.Id).Select(a => (int?)a.Id).FirstOrDefaultAsync());
}
