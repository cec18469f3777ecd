using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.TestSupport;

/// <summary>The session a live-facilitation test starts from, and the ids it needs.</summary>
public sealed record LiveSessionScene(int ReviewId, int SessionId, int? StaffParticipantId, int OutsideParticipantId)
{
    public const string OutsideName = "Pat Officer";

    /// <summary>
    /// Schedules a session of a review at Debrief, facilitated by facilitator@demo.local, with an
    /// outside participant (a police detective) and, unless <paramref name="withCaseworker"/> is false,
    /// caseworker@demo.local; optionally with the ground rules recorded (everyone agreed). Done
    /// through the domain, as the session pages would, so the test starts at the live page.
    /// </summary>
    public static async Task<LiveSessionScene> ScheduleAsync(
        ReviewsDbContext db, UserManager<ApplicationUser> users, int reviewId, DateTimeOffset now, bool withCaseworker = true, bool groundRules = false)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(users);
        var review = await db.Reviews.IgnoreQueryFilters().SingleAsync(r => r.Id == reviewId);
        var facilitator = await users.FindByEmailAsync(ReviewScene.Facilitator) ?? throw new InvalidOperationException("No demo facilitator.");
        var session = review.ScheduleSession(new SessionDetails(DateOnly.FromDateTime(now.UtcDateTime), new TimeOnly(10, 0), "Room 3", facilitator.Id));
        db.DebriefSessions.Add(session);
        SessionParticipant? staff = null;
        if (withCaseworker)
        {
            var caseworker = await users.FindByEmailAsync(ReviewScene.Participant) ?? throw new InvalidOperationException("No demo caseworker.");
            staff = review.AddStaffParticipant(session, caseworker.Id, caseworker.DisplayName, "Investigator");
        }

        var outside = review.AddOutsideParticipant(session, OutsideName, "Detective", ParticipantAgency.LawEnforcement);
        await db.SaveChangesAsync();
        if (groundRules)
        {
            review.RecordGroundRules(session, [.. session.Participants.Select(p => p.Id)], facilitator.Id, now);
            await db.SaveChangesAsync();
        }

        return new LiveSessionScene(reviewId, session.Id, staff?.Id, outside.Id);
    }

    /// <summary>Adds caseworker@demo.local to the session, which puts them on the review's debrief team.</summary>
    public static async Task AddCaseworkerAsync(ReviewsDbContext db, UserManager<ApplicationUser> users, int reviewId, int sessionId)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(users);
        var review = await db.Reviews.IgnoreQueryFilters().SingleAsync(r => r.Id == reviewId);
        var session = await db.DebriefSessions.IgnoreQueryFilters().SingleAsync(s => s.Id == sessionId);
        var caseworker = await users.FindByEmailAsync(ReviewScene.Participant) ?? throw new InvalidOperationException("No demo caseworker.");
        review.AddStaffParticipant(session, caseworker.Id, caseworker.DisplayName, "Investigator");
        await db.SaveChangesAsync();
    }

    /// <summary>A chronology entry of the review, for the agenda and the decision-point link.</summary>
    public static async Task<int> AddChronologyEntryAsync(ReviewsDbContext db, int reviewId, DateOnly date, string whatHappened)
    {
        ArgumentNullException.ThrowIfNull(db);
        var review = await db.Reviews.IgnoreQueryFilters().SingleAsync(r => r.Id == reviewId);
        var entry = review.AddChronologyEntry(new ChronologyDetails(date, null, ChronologySource.ThisAgency, whatHappened, null));
        db.ChronologyEntries.Add(entry);
        await db.SaveChangesAsync();
        return entry.Id;
    }
}
