using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Data.Seeding;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.TestSupport;

/// <summary>Who a scene is set for: the jurisdiction and the accounts that play the facilitator, the staff participant and the approving Supervisor.</summary>
public sealed record SceneCast(string JurisdictionCode, string Facilitator, string Participant, string Supervisor)
{
    public static SceneCast Demo { get; } = new(Seeder.DemoCode, ReviewScene.Facilitator, ReviewScene.Participant, ReviewScene.Supervisor);

    /// <summary>Other County's cast; its facilitator and Supervisor do not exist until <see cref="ReviewScene.EnsureOtherCountyCastAsync"/> opens them.</summary>
    public static SceneCast OtherCounty { get; } = new(Seeder.OtherCode, "other.facilitator@demo.local", "other.caseworker@demo.local", "other.supervisor@demo.local");
}

/// <summary>
/// Sets the scene for a test: a new review (of Demo County unless another cast is given) at a given
/// stage, each earlier step's requirements met through the domain methods (as the handlers would), with
/// the cast's facilitator (facilitator@demo.local) assigned; optionally with one chronology entry,
/// recorded at intake. At Findings it has one held session (the cast's participant, caseworker@demo.local,
/// took part, ground rules recorded) and one decision point; from Approval, one finding rated 2 (the
/// first item of the current catalog) with one action, submitted by the facilitator; at Approved,
/// approved by the cast's Supervisor (supervisor@demo.local). Given <see cref="ScenePartCounts"/>, it has
/// that many records of each kind instead, its decision points linked to its chronology entries and its
/// findings after the first citing evidence. The steps themselves are tested through
/// their handlers and pages; this only gets a test to its starting point. Works without a signed-in user.
/// </summary>
public static class ReviewScene
{
    public const string Facilitator = "facilitator@demo.local";
    public const string Participant = "caseworker@demo.local";
    public const string Supervisor = "supervisor@demo.local";

    public static async Task<int> CreateAtAsync(
        ReviewsDbContext db, UserManager<ApplicationUser> users, ReviewStage stage, DateTimeOffset now, SceneCast? cast = null, bool withChronologyEntry = false, ScenePartCounts? parts = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(users);
        cast ??= SceneCast.Demo;
        var linkPoints = parts is not null;
        parts ??= ScenePartCounts.One with { ChronologyEntries = withChronologyEntry ? 1 : 0 };
        var jurisdiction = await db.Jurisdictions.IgnoreQueryFilters().SingleAsync(j => j.Code == cast.JurisdictionCode);
        var facilitator = await users.FindByEmailAsync(cast.Facilitator) ?? throw new InvalidOperationException("No scene facilitator.");
        var staff = await users.FindByEmailAsync(cast.Participant) ?? throw new InvalidOperationException("No scene caseworker.");
        var today = jurisdiction.Today(now);
        var sequence = 1 + (await db.Reviews.IgnoreQueryFilters()
            .Where(r => r.JurisdictionId == jurisdiction.Id && r.NumberYear == now.Year)
            .MaxAsync(r => (int?)r.NumberSequence) ?? 0);
        var intake = new IntakeDetails(
            IncidentType.NearFatality, today.AddDays(-5), today.AddDays(-4), 7, ChildSex.Female, RaceEthnicity.Unknown,
            $"SCENE-{Guid.NewGuid():N}"[..20], YesNoUnknown.Yes, today.AddDays(-30), 1, YesNoUnknown.No,
            MaltreatmentType.Neglect, CauseCategory.UnsafeSleep, null);
        var review = Review.Record(jurisdiction, intake, now.Year, sequence, staff.Id, now);
        db.Reviews.Add(review);
        await db.SaveChangesAsync();
        review.AssignFacilitator(facilitator.Id, now);
        await db.SaveChangesAsync();
        var entries = new List<ChronologyEntry>();
        for (var i = 0; i < parts.ChronologyEntries; i++)
        {
            var entry = review.AddChronologyEntry(new ChronologyDetails(today.AddDays(-30 - i), null, ChronologySource.ThisAgency, "Assessment closed after a home visit.", null));
            db.ChronologyEntries.Add(entry);
            entries.Add(entry);
        }

        if (entries.Count > 0)
        {
            await db.SaveChangesAsync();
        }

        // One save a step, as the pages do, so the history reads as it would in use.
        if (stage >= ReviewStage.FamilyNeeds)
        {
            review.CompleteIntake(now);
            await db.SaveChangesAsync();
        }

        var needs = new List<Need>();
        if (stage >= ReviewStage.Debrief)
        {
            for (var i = 0; i < parts.Needs; i++)
            {
                var need = review.AddNeed(new NeedDetails(NeedCategory.Housing, "Stable housing", NeedStatus.IdentifiedUnmet, NeedBarrier.Waitlist, null));
                db.Needs.Add(need);
                needs.Add(need);
            }

            await db.SaveChangesAsync();
            review.CompleteFamilyNeeds(needs.Count, needs.Count == 0 ? "None found." : null, now);
            await db.SaveChangesAsync();
        }

        var points = new List<DecisionPoint>();
        if (stage >= ReviewStage.Findings)
        {
            var sessions = new List<DebriefSession>();
            for (var s = 0; s < parts.Sessions; s++)
            {
                var session = review.ScheduleSession(new SessionDetails(today.AddDays(-s), new TimeOnly(9, 30), "Room 2", facilitator.Id));
                db.DebriefSessions.Add(session);
                review.AddStaffParticipant(session, staff.Id, staff.DisplayName, "Investigator");
                for (var o = 0; o < parts.OutsideParticipants; o++)
                {
                    review.AddOutsideParticipant(session, $"Outside participant {o + 1}", "Detective", ParticipantAgency.LawEnforcement);
                }

                sessions.Add(session);
            }

            await db.SaveChangesAsync();
            foreach (var session in sessions)
            {
                review.RecordGroundRules(session, [.. session.Participants.Select(p => p.Id)], facilitator.Id, now);
            }

            await db.SaveChangesAsync();
            foreach (var session in sessions)
            {
                review.MarkSessionHeld(session);
            }

            for (var i = 0; i < parts.DecisionPoints; i++)
            {
                var linked = linkPoints && entries.Count > 0 ? entries[i % entries.Count] : null;
                var point = review.AddDecisionPoint(
                    sessions[i % sessions.Count],
                    new DecisionDetails(today.AddDays(-30), linked?.Id, DeciderRole.Investigator, "Closed the assessment", null, null, null, Pressure.Workload, null),
                    linked,
                    now);
                db.DecisionPoints.Add(point);
                points.Add(point);
            }

            await db.SaveChangesAsync();
            review.CompleteDebrief(sessions, points.Count, now);
            await db.SaveChangesAsync();
        }

        if (stage >= ReviewStage.Approval)
        {
            var catalog = await db.FactorCatalogs.IgnoreQueryFilters().SingleAsync(c => c.JurisdictionId == jurisdiction.Id && c.IsCurrent);
            var items = catalog.Items.Where(i => !i.IsRetired).ToList();
            var findings = new List<Finding>();
            var actions = new List<ReviewAction>();
            for (var i = 0; i < parts.Findings; i++)
            {
                // Beyond the first, each finding cites a decision point, a need and a chronology entry, under its own catalog item.
                var item = items[i % items.Count];
                EvidenceLink[] evidence = i == 0 ? [] :
                [
                    .. points.Skip(i % Math.Max(points.Count, 1)).Take(1).Select(p => new EvidenceLink(EvidenceKind.DecisionPoint, p.Id)),
                    .. needs.Skip(i % Math.Max(needs.Count, 1)).Take(1).Select(n => new EvidenceLink(EvidenceKind.Need, n.Id)),
                    .. entries.Skip(i % Math.Max(entries.Count, 1)).Take(1).Select(e => new EvidenceLink(EvidenceKind.ChronologyEntry, e.Id)),
                ];
                var finding = review.AddFinding(new FindingDetails(item.Id, catalog.Version, 2, "Hospital and agency did not share the discharge note.", null, evidence), item);
                db.Findings.Add(finding);
                findings.Add(finding);
            }

            await db.SaveChangesAsync();
            foreach (var finding in findings)
            {
                for (var a = 0; a < parts.ActionsPerFinding; a++)
                {
                    var action = review.AddAction(finding, new ActionDetails(
                        "Share discharge notes through a joint protocol", ActionStrength.Intermediate, "Pat Manager", "Intake unit", today.AddDays(60 + a), "Notes shared for every referral"));
                    db.ReviewActions.Add(action);
                    actions.Add(action);
                }
            }

            await db.SaveChangesAsync();
            review.SubmitForApproval(findings, actions, facilitator.Id, now);
            await db.SaveChangesAsync();
            if (stage >= ReviewStage.Approved)
            {
                var supervisor = await users.FindByEmailAsync(cast.Supervisor) ?? throw new InvalidOperationException("No scene supervisor.");
                review.Approve(actions, supervisor.Id, now);
                await db.SaveChangesAsync();
            }
        }

        return review.Id;
    }

    /// <summary>Opens Other County's facilitator and Supervisor (no password: nobody signs in as them), so a scene can be set there too.</summary>
    public static async Task EnsureOtherCountyCastAsync(ReviewsDbContext db, UserManager<ApplicationUser> users, DateTimeOffset now)
    {
        await EnsureAccountAsync(db, users, SceneCast.OtherCounty.Facilitator, "Owen Other-Facilitator", Roles.Facilitator, Seeder.OtherCode, null, now);
        await EnsureAccountAsync(db, users, SceneCast.OtherCounty.Supervisor, "Opal Other-Supervisor", Roles.Supervisor, Seeder.OtherCode, null, now);
    }

    /// <summary>An account besides the demo ones, in a jurisdiction (by code) or none, with a password when someone signs in as it.</summary>
    public static async Task<ApplicationUser> EnsureAccountAsync(
        ReviewsDbContext db, UserManager<ApplicationUser> users, string email, string name, string role, string? jurisdictionCode, string? password, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(users);
        if (await users.FindByEmailAsync(email) is { } existing)
        {
            return existing;
        }

        int? jurisdictionId = jurisdictionCode is null
            ? null
            : await db.Jurisdictions.IgnoreQueryFilters().Where(j => j.Code == jurisdictionCode).Select(j => j.Id).SingleAsync();
        var user = ApplicationUser.Open(email, name, jurisdictionId, now);
        var created = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
        if (!created.Succeeded || !(await users.AddToRoleAsync(user, role)).Succeeded)
        {
            throw new InvalidOperationException($"Could not open {email}.");
        }

        return user;
    }
}

/// <summary>
/// How many records of each kind <see cref="ReviewScene.CreateAtAsync"/> gives a review (of the steps
/// its stage has completed): <see cref="One"/> of each by default; more to see a page with a lot to show.
/// Each session has the cast's participant and <see cref="OutsideParticipants"/> others; the decision
/// points are spread over the sessions and linked to the chronology entries in turn.
/// </summary>
public sealed record ScenePartCounts(int ChronologyEntries, int Needs, int Sessions, int OutsideParticipants, int DecisionPoints, int Findings, int ActionsPerFinding)
{
    public static ScenePartCounts One { get; } = new(1, 1, 1, 0, 1, 1, 1);
}

/// <summary>The ids of a scene's records, looked up once so a test can address each of them.</summary>
public sealed record ReviewSceneIds(int ReviewId, int SessionId, int ParticipantId, int DecisionPointId, int NeedId, int ChronologyEntryId, int FindingId, int ActionId, int CatalogItemId)
{
    /// <summary>Reads without the jurisdiction filters: the first record of each kind of the review (the scene has one of each).</summary>
    public static async Task<ReviewSceneIds> LoadAsync(ReviewsDbContext db, int reviewId)
    {
        ArgumentNullException.ThrowIfNull(db);
        var jurisdictionId = await db.Reviews.IgnoreQueryFilters().Where(r => r.Id == reviewId).Select(r => r.JurisdictionId).SingleAsync();
        var session = await db.DebriefSessions.IgnoreQueryFilters().Where(s => s.ReviewId == reviewId).OrderBy(s => s.Id).FirstAsync();
        var catalog = await db.FactorCatalogs.IgnoreQueryFilters().SingleAsync(c => c.JurisdictionId == jurisdictionId && c.IsCurrent);
        return new ReviewSceneIds(
            reviewId,
            session.Id,
            session.Participants.OrderBy(p => p.Id).First().Id,
            await db.DecisionPoints.IgnoreQueryFilters().Where(p => p.ReviewId == reviewId).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync(),
            await db.Needs.IgnoreQueryFilters().Where(n => n.ReviewId == reviewId).OrderBy(n => n.Id).Select(n => n.Id).FirstAsync(),
            await db.ChronologyEntries.IgnoreQueryFilters().Where(e => e.ReviewId == reviewId).OrderBy(e => e.Id).Select(e => e.Id).FirstAsync(),
            await db.Findings.IgnoreQueryFilters().Where(f => f.ReviewId == reviewId).OrderBy(f => f.Id).Select(f => f.Id).FirstAsync(),
            await db.ReviewActions.IgnoreQueryFilters().Where(a => a.ReviewId == reviewId).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync(),
            catalog.Items.Where(i => !i.IsRetired).OrderBy(i => i.Id).First().Id);
    }
}
