using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Data.Seeding;
using NPCS.Reviews.Domain.Catalog;
using NPCS.Reviews.Domain.Jurisdictions;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.Web.Infrastructure;

namespace NPCS.Reviews.LoadTests;

/// <summary>What the load needs to know about the seeded data: the Demo County reviews it visits.</summary>
internal sealed record SeededData(IReadOnlyList<int> ApprovedReviews, IReadOnlyList<int> DebriefReviews, IReadOnlyList<(int ReviewId, int PointId)> DebriefPoints, int DemoReviewCount, TimeSpan Elapsed);

/// <summary>
/// Fills a fresh database through the app's own data layer and domain methods: every review is made
/// by <see cref="Review.Record"/> and moved along by its workflow methods, as the handlers would, so
/// the rows (and the history lines <c>SaveChanges</c> writes) look like real use. It works a batch of
/// reviews at a time, one save per step of the batch (children need their parent's generated id),
/// each save one transaction, with change detection run once per save and the tracker cleared after
/// each batch so memory stays flat whatever the volume.
/// </summary>
internal sealed class BulkSeeder(IServiceProvider services, int reviewCount, int jurisdictionCount, string password)
{
    private const int BatchSize = 2_000;

    // Most reviews of a long-running agency are finished; the open ones are spread over the steps.
    private static readonly (ReviewStage Stage, int Weight)[] Stages =
        [(ReviewStage.Intake, 3), (ReviewStage.FamilyNeeds, 3), (ReviewStage.Debrief, 4), (ReviewStage.Findings, 3), (ReviewStage.Approval, 2), (ReviewStage.Approved, 85)];

    private static readonly NeedCategory[] NeedCategories = Enum.GetValues<NeedCategory>();
    private static readonly ProtectiveFactor[] ProtectiveFactors = Enum.GetValues<ProtectiveFactor>();
    private static readonly CauseCategory[] Causes = [CauseCategory.UnsafeSleep, CauseCategory.InflictedInjury, CauseCategory.NeglectOrSupervision, CauseCategory.Drowning, CauseCategory.Undetermined];

    public async Task<SeededData> SeedAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReviewsDbContext>();
            await db.Database.MigrateAsync(ct);
            await scope.ServiceProvider.GetRequiredService<Seeder>().SeedDemoAsync(password, ct: ct);
            var existing = await db.Jurisdictions.IgnoreQueryFilters().CountAsync(ct);
            for (var n = existing; n < jurisdictionCount; n++)
            {
                var jurisdiction = new Jurisdiction($"Load County {n + 1}", JurisdictionKind.County, $"L{n + 1:D3}");
                db.Jurisdictions.Add(jurisdiction);
            }

            await db.SaveChangesAsync(ct);
            await scope.ServiceProvider.GetRequiredService<Seeder>().EnsureCatalogsAsync(ct);

            // A database this benchmark seeded before (given with --connection) is used as it is.
            if (await db.Reviews.IgnoreQueryFilters().AnyAsync(r => r.CaseReference.StartsWith("LOAD-"), ct))
            {
                Console.WriteLine("  the database already holds a load seed: it is used as it is");
                return await FindAsync(db, clock, ct);
            }
        }

        List<Jurisdiction> jurisdictions;
        Dictionary<int, FactorItem[]> items;
        Dictionary<int, int> catalogVersions;
        Dictionary<(int, int), int> sequences;
        string caseworker, facilitator, supervisor;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReviewsDbContext>();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            jurisdictions = await db.Jurisdictions.IgnoreQueryFilters().AsNoTracking().OrderBy(j => j.Id).ToListAsync(ct);
            var catalogs = await db.FactorCatalogs.IgnoreQueryFilters().AsNoTracking().AsSplitQuery().Where(c => c.IsCurrent).ToListAsync(ct);
            items = catalogs.ToDictionary(c => c.JurisdictionId, c => c.Items.Where(i => !i.IsRetired).ToArray());
            catalogVersions = catalogs.ToDictionary(c => c.JurisdictionId, c => c.Version);

            // The demo seed already numbered a review in each demo county.
            sequences = (await db.Reviews.IgnoreQueryFilters().GroupBy(r => new { r.JurisdictionId, r.NumberYear })
                .Select(g => new { g.Key.JurisdictionId, g.Key.NumberYear, Last = g.Max(r => r.NumberSequence) }).ToListAsync(ct))
                .ToDictionary(x => (x.JurisdictionId, x.NumberYear), x => x.Last);
            caseworker = (await users.FindByEmailAsync("caseworker@demo.local"))!.Id;
            facilitator = (await users.FindByEmailAsync("facilitator@demo.local"))!.Id;
            supervisor = (await users.FindByEmailAsync("supervisor@demo.local"))!.Id;
        }

        var random = new Random(20261126);
        var now = DateTimeOffset.UtcNow;
        await using var bulkScope = services.CreateAsyncScope();
        var bulkDb = bulkScope.ServiceProvider.GetRequiredService<ReviewsDbContext>();
        var bulk = bulkDb.Database.IsSqlite() ? new SqliteBulkSink(bulkDb) : null;
        for (var done = 0; done < reviewCount; done += BatchSize)
        {
            var size = Math.Min(BatchSize, reviewCount - done);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ReviewsDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            ISeedSink sink = (ISeedSink?)bulk ?? new SaveChangesSink(db);
            var batch = new List<Plan>(size);
            for (var n = 0; n < size; n++)
            {
                var jurisdiction = jurisdictions[(done + n) % jurisdictions.Count];

                // Spread over ten years, oldest first, so the deep pages and the trends have history.
                var createdAt = now.AddDays(-3650 + ((done + n) * 3600.0 / reviewCount)).AddHours(-random.Next(0, 24));
                var stage = Pick(random);
                if (stage != ReviewStage.Approved)
                {
                    createdAt = now.AddDays(-random.Next(10, 120));
                }

                var notified = jurisdiction.Today(createdAt);
                var key = (jurisdiction.Id, createdAt.Year);
                sequences[key] = sequences.GetValueOrDefault(key) + 1;
                var review = Review.Record(jurisdiction, Intake(random, notified, done + n), createdAt.Year, sequences[key], caseworker, createdAt);
                review.AssignFacilitator(facilitator, createdAt);
                sink.Add(review);
                batch.Add(new Plan(review, stage, jurisdiction, createdAt, notified));
            }

            await sink.StepAsync(ct);

            // Chronology for all; needs, analysis and a session from Family needs on.
            foreach (var plan in batch)
            {
                for (var c = 0; c < 2 + random.Next(4); c++)
                {
                    plan.Chronology.Add(plan.Review.AddChronologyEntry(new ChronologyDetails(
                        plan.Notified.AddDays(-random.Next(5, 700)), null, ChronologySource.ThisAgency, "Invented load-test contact with the family.", null)));
                }

                plan.Chronology.ForEach(sink.Add);
                if (plan.Stage >= ReviewStage.FamilyNeeds)
                {
                    plan.Review.CompleteIntake(plan.CreatedAt);
                    for (var c = 0; c < 1 + random.Next(3); c++)
                    {
                        sink.Add(plan.Review.AddNeed(new NeedDetails(NeedCategories[random.Next(NeedCategories.Length)], "Invented load-test need", NeedStatus.IdentifiedUnmet, NeedBarrier.Waitlist, null)));
                        plan.Needs++;
                    }

                    plan.Analysis = plan.Review.StartFamilyNeedsAnalysis();
                    sink.Add(plan.Analysis);
                }
            }

            await sink.StepAsync(ct);

            foreach (var plan in batch.Where(p => p.Stage >= ReviewStage.Debrief))
            {
                plan.Review.RateProtectiveFactors(plan.Analysis!, [.. ProtectiveFactors.Select(f => new FactorRatingInput(f, (FactorRating)random.Next(1, 5), null))]);
                plan.Review.CompleteFamilyNeeds(plan.Needs, null, plan.CreatedAt.AddDays(7));
                plan.Session = plan.Review.ScheduleSession(new SessionDetails(plan.Notified.AddDays(random.Next(5, 30)), new TimeOnly(9, 30), "Training room", facilitator));
                plan.Participant = plan.Review.AddStaffParticipant(plan.Session, caseworker, "Casey Caseworker", "Investigator");

                // After its participant: the session brings its participants along.
                sink.Add(plan.Session);
            }

            await sink.StepAsync(ct);

            foreach (var plan in batch.Where(p => p.Stage >= ReviewStage.Debrief))
            {
                var heldAt = plan.CreatedAt.AddDays(20);
                plan.Review.RecordGroundRules(plan.Session!, [plan.Participant!.Id], facilitator, heldAt);
                plan.Review.MarkSessionHeld(plan.Session!);
                for (var c = 0; c < 1 + random.Next(3); c++)
                {
                    sink.Add(plan.Review.AddDecisionPoint(
                        plan.Session,
                        new DecisionDetails(plan.Notified.AddDays(-random.Next(5, 300)), null, DeciderRole.Investigator, "Invented load-test decision", null, null, null, Pressure.Workload, null),
                        null,
                        heldAt));
                    plan.Points++;
                }
            }

            await sink.StepAsync(ct);

            foreach (var plan in batch.Where(p => p.Stage >= ReviewStage.Findings))
            {
                plan.Review.CompleteDebrief([plan.Session!], plan.Points, plan.CreatedAt.AddDays(21));
                var catalog = items[plan.Jurisdiction.Id];
                for (var c = 0; c < 1 + random.Next(3); c++)
                {
                    var item = catalog[random.Next(catalog.Length)];
                    if (plan.Findings.Any(f => f.FactorItemId == item.Id))
                    {
                        continue;
                    }

                    var finding = plan.Review.AddFinding(new FindingDetails(item.Id, catalogVersions[plan.Jurisdiction.Id], random.Next(1, 4), "Invented load-test finding", null, []), item);
                    sink.Add(finding);
                    plan.Findings.Add(finding);
                }
            }

            await sink.StepAsync(ct);

            foreach (var plan in batch.Where(p => p.Stage >= ReviewStage.Approval))
            {
                foreach (var finding in plan.Findings.Where(f => FindingRating.NeedsAction(f.Rating)))
                {
                    var action = plan.Review.AddAction(finding, new ActionDetails(
                        "Invented load-test action", ActionStrength.Intermediate, "Pat Manager", "Practice unit", plan.Notified.AddDays(random.Next(60, 200)), "Invented measure"));
                    sink.Add(action);
                    plan.Actions.Add(action);
                }
            }

            await sink.StepAsync(ct);

            foreach (var plan in batch.Where(p => p.Stage >= ReviewStage.Approval))
            {
                plan.Review.SubmitForApproval(plan.Findings, plan.Actions, facilitator, plan.CreatedAt.AddDays(40));
                if (plan.Stage == ReviewStage.Approved)
                {
                    plan.Review.Approve(plan.Actions, supervisor, plan.CreatedAt.AddDays(45));
                }
            }

            await sink.EndBatchAsync(ct);

            // The batch's entities are garbage now. Collected here, they do not pile up until the
            // server GC (without DATAS, as the app runs) gets to them: the seed is not the app's
            // memory, and its peak would otherwise be the run's.
            batch.Clear();
            GC.Collect();
            Console.Write($"\r  seeded {done + size:N0} of {reviewCount:N0} reviews ({clock.Elapsed.TotalSeconds:F0} s)");
        }

        Console.WriteLine();
        await using (var scope = services.CreateAsyncScope())
        {
            // As after any bulk load, the statistics: the app computed them at start-up, on the empty
            // file, and would otherwise refresh them only at its next hourly run.
            if (bulk is not null)
            {
                await Database.OptimizeSqliteAsync(scope.ServiceProvider.GetRequiredService<ReviewsDbContext>(), ct);
            }

            return await FindAsync(scope.ServiceProvider.GetRequiredService<ReviewsDbContext>(), clock, ct);
        }
    }

    /// <summary>The Demo County reviews the load visits: approved ones, and one decision point of each review at Debrief.</summary>
    private static async Task<SeededData> FindAsync(ReviewsDbContext db, Stopwatch clock, CancellationToken ct)
    {
        var demo = await db.Jurisdictions.IgnoreQueryFilters().Where(j => j.Code == Seeder.DemoCode).Select(j => j.Id).SingleAsync(ct);
        var reviews = db.Reviews.IgnoreQueryFilters().Where(r => r.JurisdictionId == demo);
        var approved = await reviews.Where(r => r.Stage == ReviewStage.Approved).Select(r => r.Id).ToListAsync(ct);
        var debrief = await reviews.Where(r => r.Stage == ReviewStage.Debrief).Select(r => r.Id).ToListAsync(ct);
        var points = await db.DecisionPoints.IgnoreQueryFilters().Where(p => debrief.Contains(p.ReviewId))
            .GroupBy(p => p.ReviewId).Select(g => new { ReviewId = g.Key, PointId = g.Min(p => p.Id) }).ToListAsync(ct);
        return new SeededData(approved, debrief, [.. points.Select(p => (p.ReviewId, p.PointId))], await reviews.CountAsync(ct), clock.Elapsed);
    }

    private static ReviewStage Pick(Random random)
    {
        var roll = random.Next(Stages.Sum(s => s.Weight));
        foreach (var (stage, weight) in Stages)
        {
            if (roll < weight)
            {
                return stage;
            }

            roll -= weight;
        }

        return ReviewStage.Approved;
    }

    private static IntakeDetails Intake(Random random, DateOnly notified, int n)
    {
        var cause = Causes[random.Next(Causes.Length)];
        var contact = notified.AddDays(-random.Next(20, 600));
        return new IntakeDetails(
            random.Next(3) == 0 ? IncidentType.Fatality : IncidentType.NearFatality, notified.AddDays(-random.Next(0, 3)), notified,
            cause == CauseCategory.UnsafeSleep ? random.Next(0, 11) : random.Next(0, 17 * 12),
            (ChildSex)random.Next(1, 4), RaceEthnicity.Unknown, $"LOAD-{n:D7}",
            YesNoUnknown.Yes, contact, random.Next(1, 7), YesNoUnknown.No, MaltreatmentType.Neglect, cause, "Invented load-test summary.");
    }

    private sealed class Plan(Review review, ReviewStage stage, Jurisdiction jurisdiction, DateTimeOffset createdAt, DateOnly notified)
    {
        public Review Review { get; } = review;

        public ReviewStage Stage { get; } = stage;

        public Jurisdiction Jurisdiction { get; } = jurisdiction;

        public DateTimeOffset CreatedAt { get; } = createdAt;

        public DateOnly Notified { get; } = notified;

        public List<ChronologyEntry> Chronology { get; } = [];

        public int Needs { get; set; }

        public FamilyNeedsAnalysis? Analysis { get; set; }

        public DebriefSession? Session { get; set; }

        public SessionParticipant? Participant { get; set; }

        public int Points { get; set; }

        public List<Finding> Findings { get; } = [];

        public List<ReviewAction> Actions { get; } = [];
    }
}
