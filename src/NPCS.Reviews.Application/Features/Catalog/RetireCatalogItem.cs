using Mediator;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Security;

namespace NPCS.Reviews.Application.Features.Catalog;

/// <summary>
/// Retires an item of the current catalog: no new finding can be coded with it, and findings already
/// coded with it keep it (items are never deleted). The catalog's version rises by one.
/// </summary>
public static class RetireCatalogItem
{
    [Authorize(Roles.Administrator)]
    public sealed record Command(int ItemId, Guid Version) : ICommand;

    public sealed class Handler(ReviewsDbContext db) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var catalog = await CurrentCatalog.LoadAsync(db, cancellationToken);
            await CurrentCatalog.SaveAsync(db, catalog, command.Version, () => catalog.RetireItem(command.ItemId), cancellationToken);
            return Unit.Value;
        }
    }
}
