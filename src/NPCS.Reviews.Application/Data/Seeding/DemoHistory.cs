using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Domain.Jurisdictions;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Data.Seeding;

/// <summary>
/// A year of invented, approved Demo County reviews, made through the review's own workflow methods
/// (intake, needs, a held debrief, findings with actions, approval, some follow-up), so the data
/// sharing, trends and annual summary pages have something to show on a developer's machine. The
/// choices come from a fixed seed, so every machine gets the same demo.
/// </summary>
internal sealed class DemoHistory(ReviewsDbContext db, UserManager<ApplicationUser> users)
{
    public const int Reviews = 24;
    private const string Marker = "Demo history";

    private static readonly (IncidentType Type, int Weight)[] IncidentTypes =
        [(IncidentType.Fatality, 4), (IncidentType.NearFatality, 6), (IncidentType.SeriousInjury, 3)];

    private static readonly (CauseCategory Cause, int Weight)[] Causes =
        [(CauseCategory.UnsafeSleep, 6), (CauseCategory.InflictedInjury, 3), (CauseCategory.NeglectOrSupervision, 4), (CauseCategory.Drowning, 1),
         (CauseCategory.PoisoningOrIngestion, 2), (CauseCategory.MedicalOrNatural, 1), (CauseCategory.Undetermined, 1)];

    private static readonly (NeedCategory Need, int Weight)[] Needs =
        [(NeedCategory.EconomicSupport, 5), (NeedCategory.Housing, 4), (NeedCategory.SubstanceUse, 4), (NeedCategory.MentalHealth, 4),
         (NeedCategory.Childcare, 2), (NeedCategory.DomesticViolence, 3), (NeedCategory.ParentingSupport, 3), (NeedCategory.Transportation, 1)];

    public async Task EnsureAsync(Jurisdiction demo, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.Reviews.IgnoreQueryFilters().AnyAsync(r => r.JurisdictionId == demo.Id && r.Stage == ReviewStage.Approved, ct))
        {
            return;
        }

        var caseworker = await UserAsync("caseworker@demo.local");
        var facilitator = await UserAsync("facilitator@demo.local");
        var supervisor = await UserAsync("supervisor@demo.local");
        var catalog = await db.FactorCatalogs.IgnoreQueryFilters().AsSplitQuery().SingleAsync(c => c.JurisdictionId == demo.Id && c.IsCurrent, ct);
        var items = catalog.Items.Where(i => !i.IsRetired).ToList();
        var random = new Random(20261126);
        var sequences = await db.Reviews.IgnoreQueryFilters().Where(r => r.JurisdictionId == demo.Id)
            .GroupBy(r => r.NumberYear).Select(g => new { Year = g.Key, Last = g.Max(r => r.NumberSequence) })
            .ToDictionaryAsync(x => x.Year, x => x.Last, ct);

        for (var n = 0; n < Reviews; n++)
        {
            // Spread over the last twelve months, oldest first.
            var approvedAt = now.AddDays(-(365 - (n * 345 / Reviews)) + random.Next(0, 10)).AddHours(-random.Next(1, 8));
            var approvedOn = demo.Today(approvedAt);
            var notified = approvedOn.AddDays(-random.Next(50, 125));
            var createdAt = new DateTimeOffset(notified.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
            var year = createdAt.Year;
            sequences[year] = sequences.GetValueOrDefault(year) + 1;

            var review = Review.Record(demo, Intake(random, notified), year, sequences[year], caseworker, createdAt);
            db.Reviews.Add(review);
            await db.SaveChangesAsync(ct);
            review.AssignFacilitator(facilitator, createdAt);
            review.CompleteIntake(createdAt);
            await db.SaveChangesAsync(ct);

            foreach (var need in Pick(random, Needs, random.Next(1, 4)))
            {
                var status = random.Next(10) switch { < 5 => NeedStatus.IdentifiedUnmet, < 8 => NeedStatus.IdentifiedMet, _ => NeedStatus.NotIdentified };
                var barriers = status == NeedStatus.IdentifiedMet ? NeedBarrier.None : (NeedBarrier)(1 << random.Next(0, 6));
                db.Needs.Add(review.AddNeed(new NeedDetails(need, $"{Marker}: need", status, barriers, null)));
            }

            var analysis = review.StartFamilyNeedsAnalysis();
            db.FamilyNeedsAnalyses.Add(analysis);
            await db.SaveChangesAsync(ct);
            review.RateProtectiveFactors(analysis, [.. Enum.GetValues<ProtectiveFactor>().Select(f => new FactorRatingInput(f, (FactorRating)random.Next(1, 5), null))]);
            review.CompleteFamilyNeeds(1, null, createdAt.AddDays(7));
            await db.SaveChangesAsync(ct);

            var held = notified.AddDays(random.Next(12, 40));
            var session = review.ScheduleSession(new SessionDetails(held, new TimeOnly(9, 30), "Training room", facilitator));
            db.DebriefSessions.Add(session);
            var participant = review.AddStaffParticipant(session, caseworker, "Casey Caseworker", "Investigator");
            await db.SaveChangesAsync(ct);
            var heldAt = new DateTimeOffset(held.ToDateTime(new TimeOnly(9, 35)), TimeSpan.Zero);
            review.RecordGroundRules(session, [participant.Id], facilitator, heldAt);
            db.DecisionPoints.Add(review.AddDecisionPoint(
                session,
                new DecisionDetails(notified.AddDays(-30), null, DeciderRole.Investigator, $"{Marker}: decision", null, null, null, Pressure.Workload, null),
                null,
                heldAt));
            review.MarkSessionHeld(session);
            await db.SaveChangesAsync(ct);
            review.CompleteDebrief([session], 1, heldAt.AddHours(3));
            await db.SaveChangesAsync(ct);

            var findings = new List<Finding>();
            var actions = new List<ReviewAction>();
            foreach (var item in items.OrderBy(_ => random.Next()).Take(random.Next(1, 4)))
            {
                var finding = review.AddFinding(new FindingDetails(item.Id, catalog.Version, random.Next(1, 4), $"{Marker}: finding", null, []), item);
                db.Findings.Add(finding);
                await db.SaveChangesAsync(ct);
                findings.Add(finding);
                if (FindingRating.NeedsAction(finding.Rating))
                {
                    var action = review.AddAction(finding, new ActionDetails(
                        $"{Marker}: action", (ActionStrength)random.Next(1, 4), "Pat Manager", "Practice unit", approvedOn.AddDays(random.Next(30, 180)), $"{Marker}: measure"));
                    db.ReviewActions.Add(action);
                    actions.Add(action);
                }
            }

            await db.SaveChangesAsync(ct);
            review.SubmitForApproval(findings, actions, facilitator, approvedAt.AddDays(-3));
            await db.SaveChangesAsync(ct);
            review.Approve(actions, supervisor, approvedAt);
            await db.SaveChangesAsync(ct);

            foreach (var action in actions.Where(_ => random.Next(3) > 0))
            {
                var done = random.Next(2) == 0 && approvedOn.AddDays(30) < demo.Today(now);
                review.FollowAction(action, done ? ActionStatus.Done : ActionStatus.InProgress, null, done ? approvedOn.AddDays(30) : approvedOn.AddDays(5),
                    done ? (Effectiveness)random.Next(1, 5) : null);
            }

            await db.SaveChangesAsync(ct);
        }

        async Task<string> UserAsync(string email) =>
            (await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"The demo account {email} was not created.")).Id;
    }

    private static IntakeDetails Intake(Random random, DateOnly notified)
    {
        var type = Pick(random, IncidentTypes, 1)[0];
        var cause = Pick(random, Causes, 1)[0];
        var ageMonths = cause == CauseCategory.UnsafeSleep ? random.Next(0, 11) : random.Next(0, 17 * 12);
        // Fatalities and serious injuries are reviewed when the agency knew the family: they always have a recent contact.
        var contact = type == IncidentType.NearFatality && random.Next(3) == 0 ? (DateOnly?)null : notified.AddDays(-random.Next(20, 600));
        return new IntakeDetails(
            type, notified.AddDays(-random.Next(0, 3)), notified, ageMonths,
            (ChildSex)random.Next(1, 4), RaceEthnicity.Unknown, $"DEMO-HIST-{random.Next(1000, 9999)}",
            contact is null ? YesNoUnknown.No : (YesNoUnknown)random.Next(1, 3), contact, contact is null ? 0 : random.Next(1, 7),
            (YesNoUnknown)random.Next(1, 4), MaltreatmentType.Neglect, cause, $"{Marker}: invented summary.");
    }

    /// <summary>Distinct values drawn by weight.</summary>
    private static List<T> Pick<T>(Random random, (T Value, int Weight)[] choices, int count)
    {
        var left = choices.ToList();
        var picked = new List<T>();
        while (picked.Count < count && left.Count > 0)
        {
            var roll = random.Next(left.Sum(c => c.Weight));
            var index = 0;
            while (roll >= left[index].Weight)
            {
                roll -= left[index].Weight;
                index++;
            }

            picked.Add(left[index].Value);
            left.RemoveAt(index);
        }

        return picked;
    }
}
