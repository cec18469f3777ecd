using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Tests.Support;

/// <summary>
/// Puts a new Demo County review at a given stage, meeting each earlier step's requirements through
/// the domain methods (as the handlers would), with facilitator@demo.local assigned. The steps
/// themselves are tested through their handlers; this only sets the scene.
/// </summary>
public static class ReviewsAt
{
    public static async Task<int> StageAsync(SliceFixture fixture, ReviewStage stage)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var restore = fixture.CurrentUser.Snapshot();
        await fixture.RunAsUserAsync(Users.Supervisor);
        var today = DateOnly.FromDateTime(fixture.Time.GetUtcNow().UtcDateTime);
        var id = await fixture.SendAsync<int>(Intakes.NewCommand(today));
        var now = fixture.Time.GetUtcNow();

        await fixture.ExecuteScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ReviewsDbContext>();
            var users = sp.GetRequiredService<UserManager<ApplicationUser>>();
            var facilitator = await users.FindByEmailAsync(Users.Facilitator) ?? throw new InvalidOperationException("No facilitator.");
            var staff = await users.FindByEmailAsync(Users.Caseworker) ?? throw new InvalidOperationException("No caseworker.");
            var review = await db.Reviews.SingleAsync(r => r.Id == id);
            review.AssignFacilitator(facilitator.Id, now);
            if (stage >= ReviewStage.FamilyNeeds)
            {
                review.CompleteIntake(now);
            }

            if (stage >= ReviewStage.Debrief)
            {
                db.Needs.Add(review.AddNeed(new NeedDetails(NeedCategory.Housing, "Stable housing", NeedStatus.IdentifiedUnmet, NeedBarrier.Waitlist, null)));
                review.CompleteFamilyNeeds(1, null, now);
            }

            await db.SaveChangesAsync();
            if (stage >= ReviewStage.Findings)
            {
                var session = review.ScheduleSession(new SessionDetails(today, new TimeOnly(9, 30), "Room 2", facilitator.Id));
                db.DebriefSessions.Add(session);
                var participant = review.AddStaffParticipant(session, staff.Id, staff.DisplayName, "Investigator");
                await db.SaveChangesAsync();
                review.RecordGroundRules(session, [participant.Id], facilitator.Id, now);
                review.MarkSessionHeld(session);
                db.DecisionPoints.Add(review.AddDecisionPoint(
                    session, new DecisionDetails(today.AddDays(-30), null, DeciderRole.Investigator, "Closed the assessment", null, null, null, Pressure.Workload, null), null, now));
                await db.SaveChangesAsync();
                review.CompleteDebrief([session], 1, now);
                await db.SaveChangesAsync();
            }
        });

        restore();
        return id;
    }
}
