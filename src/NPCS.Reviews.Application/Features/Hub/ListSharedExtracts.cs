using Mediator;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Features.Sharing;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Application.Features.Hub;

/// <summary>
/// The hub at a glance for Analysts: what each jurisdiction's shared reviews cover now, and the
/// import log, newest first (the latest <see cref="MaxImports"/> imports; older ones stay in the database).
/// </summary>
public static class ListSharedExtracts
{
    public const int MaxImports = 200;

    [Authorize(Roles.Analyst)]
    public sealed record Query : IQuery<Result>;

    /// <summary>One import: when (UTC), by whom, which jurisdiction and months, how many reviews, and the file's SHA-256.</summary>
    public sealed record Import(int Id, DateTimeOffset ImportedAt, string ImportedBy, string Jurisdiction, YearMonth From, YearMonth To, int Rows, string SchemaVersion, string Sha256);

    /// <summary>What the hub holds of one jurisdiction: reviews, and the approval months they cover.</summary>
    public sealed record Holding(string Jurisdiction, int Reviews, YearMonth FirstMonth, YearMonth LastMonth, int Months);

    public sealed record Result(IReadOnlyList<Holding> Holdings, IReadOnlyList<Import> Imports, int TotalImports);

    public sealed class Handler(ReviewsDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var holdings = await db.SharedReviews.AsNoTracking()
                .GroupBy(r => r.JurisdictionCode)
                .Select(g => new
                {
                    Jurisdiction = g.Key,
                    Reviews = g.Count(),
                    First = g.Min(r => r.ApprovedMonth),
                    Last = g.Max(r => r.ApprovedMonth),
                    Months = g.Select(r => r.ApprovedMonth).Distinct().Count(),
                })
                .OrderBy(h => h.Jurisdiction)
                .ToListAsync(cancellationToken);

            var total = await db.SharedExtracts.CountAsync(cancellationToken);
            var imports = await db.SharedExtracts.AsNoTracking()
                .OrderByDescending(e => e.ImportedAt).ThenByDescending(e => e.Id)
                .Take(MaxImports)
                .ToListAsync(cancellationToken);
            var userIds = imports.Select(e => e.ImportedByUserId).Distinct().ToList();
            var names = await db.Users.Where(u => userIds.Contains(u.Id))
                .ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);

            return new Result(
                [.. holdings.Select(h => new Holding(h.Jurisdiction, h.Reviews, YearMonth.Of(h.First), YearMonth.Of(h.Last), h.Months))],
                [.. imports.Select(e => new Import(
                    e.Id,
                    e.ImportedAt,
                    names.GetValueOrDefault(e.ImportedByUserId, "(former user)"),
                    e.JurisdictionCode,
                    YearMonth.Of(e.PeriodFrom),
                    YearMonth.Of(e.PeriodTo),
                    e.Rows,
                    e.SchemaVersion,
                    e.Sha256))],
                total);
        }
    }
}
