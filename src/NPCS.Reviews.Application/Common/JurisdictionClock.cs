using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain.Jurisdictions;

namespace NPCS.Reviews.Application.Common;

/// <summary>
/// "Today" as the current user's agency sees it: the date in the jurisdiction's time zone (UTC for
/// users outside any jurisdiction). An agency in California at 6 pm is still on today's date.
/// </summary>
public sealed class JurisdictionClock(ReviewsDbContext db, TimeProvider time, ICurrentUser user)
{
    private string? _timeZoneId;
    private bool _loaded;

    public DateTimeOffset Now => time.GetUtcNow();

    public ValueTask<DateOnly> TodayAsync(CancellationToken ct = default) => DateOfAsync(time.GetUtcNow(), ct);

    /// <summary>The agency's calendar date at an instant (e.g. when a review was recorded).</summary>
    public async ValueTask<DateOnly> DateOfAsync(DateTimeOffset instant, CancellationToken ct = default)
    {
        if (!_loaded)
        {
            // A signed-in user's principal carries it (checked against the jurisdiction on every
            // request): no query. Otherwise it is read from the jurisdiction in scope.
            _timeZoneId = user.JurisdictionId is not null && user.TimeZoneId is { } zone
                ? zone
                : await db.Jurisdictions.Select(j => j.TimeZoneId).SingleOrDefaultAsync(ct);
            _loaded = true;
        }

        return Jurisdiction.TodayIn(_timeZoneId, instant);
    }
}
