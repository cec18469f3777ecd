using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Data.Seeding;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Tests.Features.Sharing;

/// <summary>
/// An approved Demo County review with a marker in every free-text and identifying field the
/// workflow has: the case reference, summary, screen-out override, chronology, needs, bias reflection,
/// family voice, session location and notes, participants, decision points, the finding, its action
/// and follow-up note, and a return's comments. Whatever is exported must contain none of them.
/// Child aged 4 years 2 months; notified 40 days before approval; debrief held 2 days after notification.
/// </summary>
internal static class MarkedReview
{
    public static async Task<int> CreateAsync(ReviewsDbContext db, UserManager<ApplicationUser> users, DateTimeOffset now, string marker)
    {
        string M(string field) => $"{marker}-{field}";
        var demo = await db.Jurisdictions.IgnoreQueryFilters().SingleAsync(j => j.Code == Seeder.DemoCode);
        var caseworker = (await users.FindByEmailAsync("caseworker@demo.local"))!;
        var facilitator = (await users.FindByEmailAsync("facilitator@demo.local"))!;
        var supervisor = (await users.FindByEmailAsync("supervisor@demo.local"))!;
        var today = demo.Today(now);
        var notified = today.AddDays(-40);
        var sequence = 1 + (await db.Reviews.IgnoreQueryFilters().Where(r => r.JurisdictionId == demo.Id && r.NumberYear == now.Year).MaxAsync(r => (int?)r.NumberSequence) ?? 0);

        // A fatality with no recent contact is screened out, then a Supervisor overrides it with a reason.
        var intake = new IntakeDetails(
            IncidentType.Fatality, notified.AddDays(-1), notified, (4 * 12) + 2, ChildSex.Male, RaceEthnicity.Asian | RaceEthnicity.White,
            M("case-" + Guid.NewGuid().ToString("N")[..8]), YesNoUnknown.No, null, 3, YesNoUnknown.Yes, MaltreatmentType.PhysicalAbuse, CauseCategory.InflictedInjury, M("summary"));
        var review = Review.Record(demo, intake, now.Year, sequence, caseworker.Id, now);
        db.Reviews.Add(review);
        await db.SaveChangesAsync();
        review.OverrideScreenOut(M("override"), supervisor.Id, now);
        review.UpdateIntake(intake with { MostRecentContact = notified.AddDays(-200) }, demo.Policy, now);
        review.AssignFacilitator(facilitator.Id, now);
        var entry = review.AddChronologyEntry(new ChronologyDetails(notified.AddDays(-200), new TimeOnly(9, 0), ChronologySource.School, M("chronology-what"), M("chronology-knew")));
        db.ChronologyEntries.Add(entry);
        review.CompleteIntake(now);
        await db.SaveChangesAsync();

        db.Needs.Add(review.AddNeed(new NeedDetails(NeedCategory.Housing, M("need"), NeedStatus.IdentifiedUnmet, NeedBarrier.Waitlist | NeedBarrier.Eligibility, M("barrier"))));
        var analysis = review.StartFamilyNeedsAnalysis();
        db.FamilyNeedsAnalyses.Add(analysis);
        await db.SaveChangesAsync();
        review.RateProtectiveFactors(analysis, [new FactorRatingInput(ProtectiveFactor.SocialConnections, FactorRating.Absent, M("factor-note"))]);
        review.ReflectOnBias(analysis, new BiasReflectionAnswers(M("bias-1"), M("bias-2"), M("bias-3"), M("bias-4"), M("bias-5")));
        review.RecordFamilyVoice(analysis, new FamilyVoiceDetails(YesNoUnknown.Yes, M("voice-how"), M("voice-said")));
        review.CompleteFamilyNeeds(1, null, now);
        await db.SaveChangesAsync();

        var session = review.ScheduleSession(new SessionDetails(notified.AddDays(2), new TimeOnly(9, 30), M("location"), facilitator.Id));
        db.DebriefSessions.Add(session);
        var participant = review.AddStaffParticipant(session, caseworker.Id, caseworker.DisplayName, M("role"));
        var outside = review.AddOutsideParticipant(session, M("outside-name"), M("outside-role"), ParticipantAgency.LawEnforcement);
        await db.SaveChangesAsync();
        review.RecordGroundRules(session, [participant.Id, outside.Id], facilitator.Id, now);
        review.SaveSessionNotes(session, M("notes"));
        db.DecisionPoints.Add(review.AddDecisionPoint(
            session,
            new DecisionDetails(notified.AddDays(-200), entry.Id, DeciderRole.Investigator, M("decision"), M("cues"), M("knew"), M("expected"), Pressure.Workload | Pressure.Tools, M("context")),
            entry,
            now));
        review.MarkSessionHeld(session);
        await db.SaveChangesAsync();
        review.CompleteDebrief([session], 1, now);
        await db.SaveChangesAsync();

        var catalog = await db.FactorCatalogs.IgnoreQueryFilters().SingleAsync(c => c.JurisdictionId == demo.Id && c.IsCurrent);
        var item = catalog.Items.Single(i => i.Code == "ORG-1");
        var finding = review.AddFinding(new FindingDetails(item.Id, catalog.Version, 2, M("finding"), null, [new EvidenceLink(EvidenceKind.ChronologyEntry, entry.Id)]), item);
        db.Findings.Add(finding);
        await db.SaveChangesAsync();
        var action = review.AddAction(finding, new ActionDetails(M("action"), ActionStrength.Stronger, M("owner"), M("unit"), today.AddDays(30), M("measure")));
        db.ReviewActions.Add(action);
        await db.SaveChangesAsync();
        review.SubmitForApproval([finding], [action], facilitator.Id, now);
        review.Return(M("return"), supervisor.Id, now);
        review.SubmitForApproval([finding], [action], facilitator.Id, now);
        await db.SaveChangesAsync();
        var approver = await users.FindByEmailAsync("other.supervisor@demo.local") is { } other && other.JurisdictionId == demo.Id ? other : supervisor;
        review.Approve([action], approver.Id, now);
        review.FollowAction(action, ActionStatus.InProgress, M("follow-up"), today, null);
        await db.SaveChangesAsync();
        return review.Id;
    }
}
