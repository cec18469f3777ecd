using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace NPCS.Reviews.Web.Tests.Support;

/// <summary>
/// Counts the SQL commands EF Core sends while the app answers one request: a request carrying the
/// <see cref="Header"/> gets its own tally (an <see cref="AsyncLocal{T}"/> set by the first
/// middleware, so everything the request runs counts: the sign-in cookie's security-stamp check, the
/// layout, the page, the handlers), kept under the header's value for <see cref="Take"/>. Requests
/// without the header and work outside a request are not counted. <see cref="AppFactory"/> adds it to
/// the app's <c>ReviewsDbContext</c> options and its pipeline.
/// </summary>
public sealed class SqlCommandCounter : DbCommandInterceptor, IStartupFilter
{
    public const string Header = "X-Test-Sql-Count";

    private static readonly AsyncLocal<List<string>?> Current = new();
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _done = new(StringComparer.Ordinal);

    /// <summary>The commands (their text) the request sent with <paramref name="id"/> in the <see cref="Header"/>, removed once read.</summary>
    public IReadOnlyList<string> Take(string id) =>
        _done.TryRemove(id, out var commands) ? commands : throw new InvalidOperationException($"No request was counted as '{id}'.");

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, proceed) =>
        {
            if (!context.Request.Headers.TryGetValue(Header, out var id))
            {
                await proceed();
                return;
            }

            var commands = new List<string>();
            Current.Value = commands;
            try
            {
                await proceed();
            }
            finally
            {
                Current.Value = null;
                lock (commands)
                {
                    _done[id.ToString()] = [.. commands];
                }
            }
        });
        next(app);
    };

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
        Count(command, result);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Count(command, result));

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result) =>
        Count(command, result);

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Count(command, result));

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result) =>
        Count(command, result);

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Count(command, result));

    private static T Count<T>(DbCommand command, T result)
    {
        if (Current.Value is { } commands)
        {
            lock (commands)
            {
                commands.Add(command.CommandText);
            }
        }

        return result;
    }
}
