using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Data.Seeding;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.TestSupport;

/// <summary>
/// Sets the scene for a test: a new Demo County review at a given stage, each earlier step's
/// requirements met through the domain methods (as the handlers would), with facilitator@demo.local
/// assigned. At Findings it has one held session (caseworker@demo.local took part, ground rules
/// recorded) and one decision point; from Approval, one finding rated 2 (the first item of the current
/// catalog) with one action, submitted by the facilitator; at Approved, approved by supervisor@demo.local. The steps themselves are tested through their handlers and
/// pages; this only gets a test to its starting point. Works without a signed-in user.
/// </summary>
public static class ReviewScene
{
    public const string Facilitator = "facilitator@demo.local";
    public const string Participant = "caseworker@demo.local";
    public const string Supervisor = "supervisor@demo.local";

    public static async Task<int> CreateAtAsync(ReviewsDbContext db, UserManager<ApplicationUser> users, ReviewStage stage, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(users);
        var demo = await db.Jurisdictions.IgnoreQueryFilters().SingleAsync(j => j.Code == Seeder.DemoCode);
        var facilitator = await users.FindByEmailAsync(Facilitator) ?? throw new InvalidOperationException("No demo facilitator.");
        var staff = await users.FindByEmailAsync(Participant) ?? throw new InvalidOperationException("No demo caseworker.");
        var today = demo.Today(now);
        var sequence = 1 + (await db.Reviews.IgnoreQueryFilters()
            .Where(r => r.JurisdictionId == demo.Id && r.NumberYear == now.Year)
            .MaxAsync(r => (int?)r.NumberSequence) ?? 0);
        var intake = new IntakeDetails(
            IncidentType.NearFatality, today.AddDays(-5), today.AddDays(-4), 7, ChildSex.Female, RaceEthnicity.Unknown,
            $"SCENE-{Guid.NewGuid():N}"[..20], YesNoUnknown.Yes, today.AddDays(-30), 1, YesNoUnknown.No,
            MaltreatmentType.Neglect, CauseCategory.UnsafeSleep, null);
        var review = Review.Record(demo, intake, now.Year, sequence, staff.Id, now);
        db.Reviews.Add(review);
        await db.SaveChangesAsync();
        review.AssignFacilitator(facilitator.Id, now);
        await db.SaveChangesAsync();

        // One save a step, as the pages do, so the history reads as it would in use.
        if (stage >= ReviewStage.FamilyNeeds)
        {
            review.CompleteIntake(now);
            await db.SaveChangesAsync();
        }

        if (stage >= ReviewStage.Debrief)
        {
            db.Needs.Add(review.AddNeed(new NeedDetails(NeedCategory.Housing, "Stable housing", NeedStatus.IdentifiedUnmet, NeedBarrier.Waitlist, null)));
            await db.SaveChangesAsync();
            review.CompleteFamilyNeeds(1, null, now);
            await db.SaveChangesAsync();
        }

        if (stage >= ReviewStage.Findings)
        {
            var session = review.ScheduleSession(new SessionDetails(today, new TimeOnly(9, 30), "Room 2", facilitator.Id));
            db.DebriefSessions.Add(session);
            var participant = review.AddStaffParticipant(session, staff.Id, staff.DisplayName, "Investigator");
            await db.SaveChangesAsync();
            review.RecordGroundRules(session, [participant.Id], facilitator.Id, now);
            await db.SaveChangesAsync();
            review.MarkSessionHeld(session);
            db.DecisionPoints.Add(review.AddDecisionPoint(
                session,
                new DecisionDetails(today.AddDays(-30), null, DeciderRole.Investigator, "Closed the assessment", null, null, null, Pressure.Workload, null),
                null,
                now));
            await db.SaveChangesAsync();
            review.CompleteDebrief([session], 1, now);
            await db.SaveChangesAsync();
        }

        if (stage >= ReviewStage.Approval)
        {
            var catalog = await db.FactorCatalogs.IgnoreQueryFilters().SingleAsync(c => c.JurisdictionId == demo.Id && c.IsCurrent);
            var item = catalog.Items.First(i => !i.IsRetired);
            var finding = review.AddFinding(new FindingDetails(item.Id, catalog.Version, 2, "Hospital and agency did not share the discharge note.", null, []), item);
            db.Findings.Add(finding);
            await db.SaveChangesAsync();
            var action = review.AddAction(finding, new ActionDetails(
                "Share discharge notes through a joint protocol", ActionStrength.Intermediate, "Pat Manager", "Intake unit", today.AddDays(60), "Notes shared for every referral"));
            db.ReviewActions.Add(action);
            await db.SaveChangesAsync();
            review.SubmitForApproval([finding], [action], facilitator.Id, now);
            await db.SaveChangesAsync();
            if (stage >= ReviewStage.Approved)
            {
                var supervisor = await users.FindByEmailAsync(Supervisor) ?? throw new InvalidOperationException("No demo supervisor.");
                review.Approve([action], supervisor.Id, now);
                await db.SaveChangesAsync();
            }
        }

        return review.Id;
    }
}
