using Mediator;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Application.Features.Administration;

/// <summary>The accounts of the administrator's jurisdiction.</summary>
public static class ListUsers
{
    [Authorize(Roles.Administrator)]
    public sealed record Query : IQuery<IReadOnlyList<Row>>;

    public sealed record Row(string Id, string Email, string DisplayName, string? Role, bool Locked, bool PasswordSet);

    public sealed class Handler(ReviewsDbContext db, TimeProvider time) : IQueryHandler<Query, IReadOnlyList<Row>>
    {
        public async ValueTask<IReadOnlyList<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            var users = await db.JurisdictionUsers
                .OrderBy(u => u.DisplayName)
                .Select(u => new
                {
                    u.Id,
                    u.Email,
                    u.DisplayName,
                    u.LockoutEnd,
                    PasswordSet = u.PasswordHash != null,
                    Role = db.UserRoles.Where(ur => ur.UserId == u.Id)
                        .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name)
                        .FirstOrDefault(),
                })
                .ToListAsync(cancellationToken);
            var now = time.GetUtcNow();
            return [.. users.Select(u => new Row(u.Id, u.Email ?? string.Empty, u.DisplayName, u.Role, u.LockoutEnd > now, u.PasswordSet))];
        }
    }
}
