using Mediator;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Application.Features.Catalog;

/// <summary>The jurisdiction's current factor catalog, retired items included, and the catalogs imports replaced.</summary>
public static class GetCatalog
{
    [Authorize(Roles.Administrator)]
    public sealed record Query : IQuery<Result>;

    public sealed record Result(
        string Name,
        int Version,
        Guid Concurrency,
        DateTimeOffset CreatedAt,
        IReadOnlyList<DomainView> Domains,
        IReadOnlyList<EarlierCatalog> Earlier);

    public sealed record DomainView(int Id, string Code, string Name, IReadOnlyList<ItemView> Items);

    public sealed record ItemView(int Id, string Code, string Name, string? Guidance, int AddedInVersion, int? RetiredInVersion)
    {
        public bool IsRetired => RetiredInVersion is not null;
    }

    public sealed record EarlierCatalog(string Name, int Version, DateTimeOffset CreatedAt);

    public sealed class Handler(ReviewsDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var catalog = await CurrentCatalog.LoadAsync(db, cancellationToken);

            // Only the headline of earlier catalogs: their items are not loaded.
            var earlier = await db.FactorCatalogs.IgnoreAutoIncludes()
                .Where(c => !c.IsCurrent)
                .Select(c => new { c.Name, c.Version, c.CreatedAt, c.Id })
                .ToListAsync(cancellationToken);

            return new Result(
                catalog.Name,
                catalog.Version,
                catalog.Concurrency,
                catalog.CreatedAt,
                [.. catalog.Domains.OrderBy(d => d.Order).Select(d => new DomainView(
                    d.Id,
                    d.Code,
                    d.Name,
                    [.. d.Items.OrderBy(i => i.Order).Select(i => new ItemView(i.Id, i.Code, i.Name, i.Guidance, i.AddedInVersion, i.RetiredInVersion))]))],
                [.. earlier.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Select(c => new EarlierCatalog(c.Name, c.Version, c.CreatedAt))]);
        }
    }
}
