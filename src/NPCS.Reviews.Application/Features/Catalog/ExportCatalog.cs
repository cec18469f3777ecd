using System.Globalization;
using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Application.Features.Catalog;

/// <summary>The current catalog as a JSON file another jurisdiction (or a fresh database) can import unchanged.</summary>
public static class ExportCatalog
{
    [Authorize(Roles.Administrator)]
    public sealed record Query : IQuery<Result>;

    public sealed record Result(string FileName, byte[] Content)
    {
        public const string ContentType = "application/json";
    }

    public sealed class Handler(ReviewsDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var catalog = await CurrentCatalog.LoadAsync(db, cancellationToken);
            var code = await db.Jurisdictions.Select(j => j.Code).SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException();
            var json = JsonSerializer.SerializeToUtf8Bytes(catalog.ToDefinition(), CatalogJson.Options);
            var name = string.Create(CultureInfo.InvariantCulture, $"npcs-catalog-{code}-v{catalog.Version}.json");
            return new Result(name, json);
        }
    }
}
