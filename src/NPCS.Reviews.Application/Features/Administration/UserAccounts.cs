using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Application.Features.Administration;

/// <summary>What the administration handlers share: finding a user of the administrator's own jurisdiction.</summary>
internal static class UserAccounts
{
    public static async Task<ApplicationUser> FindInJurisdictionAsync(ReviewsDbContext db, string? userId, CancellationToken ct) =>
        await db.JurisdictionUsers.SingleOrDefaultAsync(u => u.Id == userId, ct) ?? throw new NotFoundException();

    public static void EnsureNotSelf(ICurrentUser current, ApplicationUser target, string what)
    {
        if (current.UserId == target.Id)
        {
            throw new Domain.DomainException($"You cannot {what} your own account; ask another administrator.");
        }
    }

    public static void ThrowIfFailed(IdentityResult result, string property)
    {
        if (!result.Succeeded)
        {
            throw new ValidationException(new Dictionary<string, string[]>
            {
                [property] = [.. result.Errors.Select(e => e.Description)],
            });
        }
    }

    public static bool IsLocked(ApplicationUser user, DateTimeOffset now) => user.LockoutEnd is { } end && end > now;
}
