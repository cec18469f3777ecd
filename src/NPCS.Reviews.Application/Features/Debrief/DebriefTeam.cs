using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.Debrief;

/// <summary>
/// Who may see what was said in a review's debrief. Debrief content (session notes, participants,
/// decision points) is confidential to the review team: the review's assigned facilitator and the
/// facilitators of its sessions, Supervisors and Administrators of the jurisdiction, and the staff
/// who took part in its sessions. Everyone else who can read the review sees only that sessions
/// exist and when. Handlers check this; pages only follow.
/// </summary>
public sealed record DebriefTeam(bool CanRead, bool CanManage)
{
    public static async Task<DebriefTeam> OfAsync(ReviewsDbContext db, ICurrentUser user, Review review, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(review);
        var userId = user.UserId;
        if (userId is null)
        {
            return new DebriefTeam(false, false);
        }

        var supervisor = user.IsInRole(Roles.Supervisor);
        var assigned = review.AssignedFacilitatorId == userId;
        var sessions = db.DebriefSessions.Where(s => s.ReviewId == review.Id);
        var facilitatesSession = !supervisor && !assigned && await sessions.AnyAsync(s => s.FacilitatorId == userId, ct);
        var facilitator = user.IsInRole(Roles.Facilitator) && (assigned || facilitatesSession);
        var canManage = supervisor || facilitator;
        var canRead = canManage
            || user.IsInRole(Roles.Administrator)
            || assigned
            || facilitatesSession
            || await sessions.AnyAsync(s => s.Participants.Any(p => p.UserId == userId), ct);
        return new DebriefTeam(canRead, canManage);
    }

    /// <summary>Throws <see cref="ForbiddenAccessException"/> unless the user may read the debrief content of the review.</summary>
    public static async Task EnsureCanReadAsync(ReviewsDbContext db, ICurrentUser user, Review review, CancellationToken ct) =>
        (await OfAsync(db, user, review, ct)).EnsureCanRead();

    /// <summary>Throws <see cref="ForbiddenAccessException"/> unless the user may schedule and run the review's debrief.</summary>
    public static async Task EnsureCanManageAsync(ReviewsDbContext db, ICurrentUser user, Review review, CancellationToken ct) =>
        (await OfAsync(db, user, review, ct)).EnsureCanManage();

    public void EnsureCanRead()
    {
        if (!CanRead)
        {
            throw new ForbiddenAccessException("Debrief content is confidential to the review team.");
        }
    }

    public void EnsureCanManage()
    {
        if (!CanManage)
        {
            throw new ForbiddenAccessException("Only the review's facilitator or a Supervisor can run its debrief.");
        }
    }
}
