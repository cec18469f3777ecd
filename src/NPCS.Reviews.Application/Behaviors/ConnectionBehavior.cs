using System.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Data;

namespace NPCS.Reviews.Application.Behaviors;

/// <summary>
/// On SQLite, one connection for the whole of a request's handler. EF Core opens and closes the
/// connection around each query, and Microsoft.Data.Sqlite registers EF Core's SQL functions on
/// the pooled native connection at every open, so a page of ten queries paid ten opens. The
/// connection goes back to the pool as soon as the handler returns, before the page is rendered.
/// SQL Server's pool makes an open cheap, and its retrying execution strategy expects to manage
/// the connection itself: it is left as it was.
/// </summary>
public sealed class ConnectionBehavior<TMessage, TResponse>(ReviewsDbContext db) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (!db.IsSqlite || db.Database.GetDbConnection().State == ConnectionState.Open)
        {
            return await next(message, cancellationToken);
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await next(message, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
