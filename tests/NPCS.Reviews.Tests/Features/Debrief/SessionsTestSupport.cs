using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Features.Debrief;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.Tests.Support;

namespace NPCS.Reviews.Tests.Features.Debrief;

/// <summary>Shared steps of the debrief session tests: ids of demo users, scheduling through the handler, and what is stored.</summary>
internal static class SessionsTestSupport
{
    public static Task<string> UserIdAsync(this SliceFixture fixture, string email) =>
        fixture.QueryDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    public static async Task<ScheduleSession.Command> ValidScheduleAsync(this SliceFixture fixture, int reviewId, DateOnly date) => new()
    {
        Id = reviewId,
        Date = date,
        StartTime = new TimeOnly(10, 0),
        Location = "Conference room B",
        FacilitatorId = await fixture.UserIdAsync(Users.Facilitator),
    };

    /// <summary>Schedules through the handler as the current user (the review's facilitator in these tests).</summary>
    public static async Task<int> ScheduleAsync(this SliceFixture fixture, int reviewId, DateOnly date) =>
        await fixture.SendAsync<int>(await fixture.ValidScheduleAsync(reviewId, date));

    /// <summary>Adds a member of staff through the handler, on the session as it is now.</summary>
    public static async Task AddStaffAsync(this SliceFixture fixture, int reviewId, int sessionId, string email, string role = "Investigator") =>
        await fixture.SendAsync(new AddStaffParticipant.Command
        {
            Id = reviewId,
            SessionId = sessionId,
            Version = (await fixture.SessionAsync(sessionId)).Version,
            UserId = await fixture.UserIdAsync(email),
            Role = role,
        });

    /// <summary>A valid "add outside participant" form for the session as it is now.</summary>
    public static async Task<AddOutsideParticipant.Command> OutsideAsync(
        this SliceFixture fixture, int reviewId, int sessionId, string name = "Det. Ray Ortiz", string role = "Detective", ParticipantAgency agency = ParticipantAgency.LawEnforcement) => new()
        {
            Id = reviewId,
            SessionId = sessionId,
            Version = (await fixture.SessionAsync(sessionId)).Version,
            Name = name,
            Role = role,
            Agency = agency,
        };

    public static Task<DebriefSession> SessionAsync(this SliceFixture fixture, int sessionId) =>
        fixture.QueryDbAsync(db => db.DebriefSessions.IgnoreQueryFilters().AsNoTracking().SingleAsync(s => s.Id == sessionId));

    public static Task<Review> ReviewAsync(this SliceFixture fixture, int reviewId) =>
        fixture.QueryDbAsync(db => db.Reviews.IgnoreQueryFilters().AsNoTracking().SingleAsync(r => r.Id == reviewId));

    /// <summary>
    /// Runs a debrief session the way the live facilitation page will (built elsewhere): ground rules
    /// with every participant agreeing, optionally marked held, and a decision point.
    /// </summary>
    public static Task RunSessionAsync(this SliceFixture fixture, int reviewId, int sessionId, bool markHeld, bool addDecisionPoint) =>
        fixture.ExecuteScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ReviewsDbContext>();
            var review = await db.Reviews.IgnoreQueryFilters().SingleAsync(r => r.Id == reviewId);
            var session = await db.DebriefSessions.IgnoreQueryFilters().SingleAsync(s => s.Id == sessionId);
            var now = fixture.Time.GetUtcNow();
            review.RecordGroundRules(session, [.. session.Participants.Select(p => p.Id)], review.AssignedFacilitatorId!, now);
            await db.SaveChangesAsync();
            if (markHeld)
            {
                review.MarkSessionHeld(session);
            }

            if (addDecisionPoint)
            {
                db.DecisionPoints.Add(review.AddDecisionPoint(
                    session,
                    new DecisionDetails(session.Date.AddDays(-20), null, DeciderRole.Investigator, "Closed the case", null, null, null, Pressure.Workload, null),
                    null,
                    now));
            }

            await db.SaveChangesAsync();
        });
}
