using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Application.Features.Security;

/// <summary>Writes security log lines (see <see cref="SecurityEvent"/>) with the time, the current user and the client address.</summary>
public sealed class SecurityLog(ReviewsDbContext db, ICurrentUser current, IClientAddress client, TimeProvider time)
{
    /// <summary>Adds a line to the unit of work, so it is saved with the change it records (or not at all).</summary>
    public void Add(SecurityEventKind kind, ApplicationUser? subject, string? detail = null, string? actorUserId = null)
    {
        db.Add(SecurityEvent.Of(
            kind,
            time.GetUtcNow(),
            subject?.JurisdictionId ?? current.JurisdictionId,
            actorUserId ?? current.UserId,
            subject?.Id,
            detail,
            client.Value));
    }

    /// <summary>Adds and saves a line on its own: sign-in outcomes, which change nothing else the application saves.</summary>
    public async Task RecordAsync(SecurityEventKind kind, ApplicationUser? subject, string? detail = null, string? actorUserId = null, CancellationToken ct = default)
    {
        Add(kind, subject, detail, actorUserId);
        await db.SaveChangesAsync(ct);
    }
}
