using Mediator;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Application.Features.Administration;

/// <summary>The jurisdiction's security log, newest first, a page at a time, optionally one kind of event.</summary>
public static class ListSecurityEvents
{
    public const int PageSize = 50;

    [Authorize(Roles.Administrator)]
    public sealed record Query(SecurityEventKind? Kind, int Page) : IQuery<Result>;

    public sealed record Row(DateTime LocalTime, SecurityEventKind Kind, string Who, string Account, string? Detail, string? ClientAddress);

    public sealed record Result(IReadOnlyList<Row> Rows, int Total, int Page, int PageCount, string TimeZoneId);

    public sealed class Handler(ReviewsDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var timeZoneId = await db.Jurisdictions.Select(j => j.TimeZoneId).SingleAsync(cancellationToken);
            var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
            var events = db.SecurityEvents.AsNoTracking();
            if (query.Kind is { } kind)
            {
                events = events.Where(e => e.Kind == kind);
            }

            var total = await events.CountAsync(cancellationToken);
            var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
            var page = Math.Clamp(query.Page, 1, pageCount);
            var lines = await events
                .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
                .Skip((page - 1) * PageSize).Take(PageSize)
                .ToListAsync(cancellationToken);
            var userIds = lines.SelectMany(e => new[] { e.ActorUserId, e.SubjectUserId }).OfType<string>().Distinct().ToList();
            var names = await db.JurisdictionUsers.Where(u => userIds.Contains(u.Id))
                .Select(u => new { u.Id, u.DisplayName, u.Email })
                .ToDictionaryAsync(u => u.Id, u => $"{u.DisplayName} ({u.Email})", cancellationToken);
            var rows = lines.Select(e => new Row(
                TimeZoneInfo.ConvertTime(e.At, zone).DateTime,
                e.Kind,
                e.ActorUserId is null ? "Not signed in" : names.GetValueOrDefault(e.ActorUserId, "(another jurisdiction or a former user)"),
                e.SubjectUserId is null ? "None" : names.GetValueOrDefault(e.SubjectUserId, "(former user)"),
                e.Detail,
                e.ClientAddress)).ToList();
            return new Result(rows, total, page, pageCount, zone.Id);
        }
    }

    public static string DisplayName(this SecurityEventKind kind) => kind switch
    {
        SecurityEventKind.SignedIn => "Signed in",
        SecurityEventKind.SignInFailed => "Sign-in failed",
        SecurityEventKind.LockedOut => "Locked out after failed sign-ins",
        SecurityEventKind.TwoFactorEnabled => "Two-factor sign-in turned on",
        SecurityEventKind.TwoFactorDisabled => "Two-factor sign-in turned off",
        SecurityEventKind.RecoveryCodesIssued => "New recovery codes",
        SecurityEventKind.RoleChanged => "Role changed",
        SecurityEventKind.AccountLocked => "Account locked",
        SecurityEventKind.AccountUnlocked => "Account unlocked",
        SecurityEventKind.AccountCreated => "Account opened",
        SecurityEventKind.PasswordLinkIssued => "Set-password link issued",
        SecurityEventKind.TwoFactorRequirementChanged => "Two-factor requirement changed",
        _ => kind.ToString(),
    };
}
