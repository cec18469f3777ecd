using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal;
using Microsoft.EntityFrameworkCore.Storage;

namespace NPCS.Reviews.Web.Infrastructure;

/// <summary>
/// SQLite connections kept open between requests, each with the statements it has compiled, so SQL
/// the app has run before is not compiled again (ADR 0019). Microsoft.Data.Sqlite compiles every
/// command anew and finalizes its statements when the connection closes (dotnet/efcore#14044), and
/// EF Core closed the connection after each request: compiling was most of what SQLite spent on a
/// page's small queries. Only compiled SQL is kept, never a value: every execution binds all its
/// parameters again (the jurisdiction filter's among them; Microsoft.Data.Sqlite refuses a command
/// with one missing) and reads the database as it is at that moment.
/// </summary>
public static class SqliteStatementCache
{
    /// <summary>Idle connections kept per database; one given back beyond this is closed.</summary>
    public const int MaxIdleConnections = 64;

    /// <summary>Statements kept per connection; beyond this the least recently used idle one is finalized.</summary>
    public const int MaxStatements = 128;

    private static readonly ConcurrentDictionary<string, Pool> Pools = new(StringComparer.Ordinal);
    private static readonly ConditionalWeakTable<SqliteConnection, Statements> Kept = new();

#pragma warning disable EF1001 // ISqliteRelationalConnection is EF Core's own SQLite connection service; the replacement only overrides its create/close/dispose template methods.
    /// <summary>Keeps the context's SQLite connections, and the statements they compiled, for the next request.</summary>
    public static DbContextOptionsBuilder UseSqliteStatementCache(this DbContextOptionsBuilder options) => options
        .ReplaceService<ISqliteRelationalConnection, KeptSqliteRelationalConnection>()
        .AddInterceptors(StatementInterceptor.Instance);
#pragma warning restore EF1001

    /// <summary>Idle connections to the database now.</summary>
    public static int IdleConnections(string connectionString) => Pools.TryGetValue(connectionString, out var pool) ? pool.Idle.Count : 0;

    /// <summary>Executions of the database's SQL that found their statement already compiled, since start.</summary>
    public static long Reused(string connectionString) => Pools.TryGetValue(connectionString, out var pool) ? Interlocked.Read(ref pool.Reused) : 0;

    /// <summary>Closes the idle connections to a database, and any given back after (the app stopping).</summary>
    public static void Clear(string connectionString)
    {
        if (Pools.TryRemove(connectionString, out var pool))
        {
            while (pool.Idle.TryTake(out var connection))
            {
                connection.Dispose();
            }
        }
    }

    private static Pool PoolOf(string connectionString) => Pools.GetOrAdd(connectionString, _ => new Pool());

    /// <summary>An idle open connection to the database, or null.</summary>
    private static SqliteConnection? Rent(string connectionString) =>
        Pools.TryGetValue(connectionString, out var pool) && pool.Idle.TryTake(out var connection) ? connection : null;

    /// <summary>
    /// Keeps an open connection for the next request: only one outside any transaction (SQLite in
    /// autocommit mode) whose kept statements are all reset, that is, no read left unfinished. False
    /// when it must be closed instead; a transaction left open is rolled back first, so no change of
    /// it reaches another request through Microsoft.Data.Sqlite's own pool either.
    /// </summary>
    private static bool Return(string connectionString, SqliteConnection connection)
    {
        if (connection.State != ConnectionState.Open || connection.Handle is not { } handle)
        {
            return false;
        }

        if (SQLitePCL.raw.sqlite3_get_autocommit(handle) == 0)
        {
            _ = SQLitePCL.raw.sqlite3_exec(handle, "ROLLBACK;");
            return false;
        }

        if (!Kept.TryGetValue(connection, out var statements) || statements.AnyInUse)
        {
            return false;
        }

        // No pool once the app has stopped (Clear): the connection is closed.
        if (!Pools.TryGetValue(connectionString, out var pool) || pool.Idle.Count >= MaxIdleConnections)
        {
            return false;
        }

        pool.Idle.Add(connection);
        return true;
    }

    private sealed class Pool
    {
        public readonly ConcurrentBag<SqliteConnection> Idle = [];
        public long Reused;
    }

    /// <summary>
    /// One connection's commands, by SQL text, most recently used first. A connection serves one
    /// context at a time, and a context one operation at a time, so this is never used concurrently.
    /// </summary>
    private sealed class Statements(Pool pool)
    {
        private readonly Dictionary<string, LinkedListNode<Entry>> _byText = new(StringComparer.Ordinal);
        private readonly LinkedList<Entry> _recent = new();

        public bool AnyInUse => _recent.Any(e => e.InUse);

        /// <summary>
        /// The command to execute for EF Core's new one: the kept command with the same SQL, given the
        /// new one's parameters and transaction; or the new one, kept from now on; or, while the kept
        /// one is still being read (the same SQL nested in its own loop), the new one, not kept.
        /// </summary>
        public SqliteCommand Take(SqliteCommand created)
        {
            if (_byText.TryGetValue(created.CommandText, out var node))
            {
                var entry = node.Value;
                if (entry.InUse)
                {
                    return created;
                }

                var kept = entry.Command;
                var parameters = created.Parameters.Cast<SqliteParameter>().ToArray();
                created.Parameters.Clear();
                kept.Parameters.Clear();
                kept.Parameters.AddRange(parameters);
                kept.Transaction = created.Transaction;
                kept.CommandTimeout = created.CommandTimeout;
                created.Dispose();
                entry.InUse = true;
                _recent.Remove(node);
                _recent.AddFirst(node);
                Interlocked.Increment(ref pool.Reused);
                return kept;
            }

            if (_byText.Count >= MaxStatements && LeastRecentIdle() is { } oldest)
            {
                _recent.Remove(oldest);
                _byText.Remove(oldest.Value.Command.CommandText);
                oldest.Value.Command.Dispose();
            }

            _byText[created.CommandText] = _recent.AddFirst(new Entry(created) { InUse = true });
            return created;
        }

        /// <summary>True when the command is one of these; it is idle again.</summary>
        public bool Release(SqliteCommand command)
        {
            if (Find(command) is not { } node)
            {
                return false;
            }

            node.Value.InUse = false;
            return true;
        }

        /// <summary>Forgets a command whose execution failed or was canceled; EF Core disposes it.</summary>
        public void Forget(SqliteCommand command)
        {
            if (Find(command) is { } node)
            {
                _byText.Remove(command.CommandText);
                _recent.Remove(node);
            }
        }

        private LinkedListNode<Entry>? Find(SqliteCommand command) =>
            _byText.TryGetValue(command.CommandText, out var node) && ReferenceEquals(node.Value.Command, command) ? node : null;

        private LinkedListNode<Entry>? LeastRecentIdle()
        {
            for (var node = _recent.Last; node is not null; node = node.Previous)
            {
                if (!node.Value.InUse)
                {
                    return node;
                }
            }

            return null;
        }

        private sealed class Entry(SqliteCommand command)
        {
            public SqliteCommand Command { get; } = command;

            public bool InUse { get; set; }
        }
    }

    /// <summary>
    /// Gives EF Core the connection's kept command for SQL it has run before, and keeps the command
    /// (with its compiled statements) when the read is done instead of letting EF Core dispose it.
    /// Only reads (<see cref="DbCommandMethod.ExecuteReader"/>, which includes SaveChanges' batches)
    /// of a context's own connection are kept.
    /// </summary>
    private sealed class StatementInterceptor : DbCommandInterceptor
    {
        public static StatementInterceptor Instance { get; } = new();

        public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result) =>
            eventData.ExecuteMethod == DbCommandMethod.ExecuteReader && eventData.Context is not null
            && result is SqliteCommand { Connection: { } connection } command && Kept.TryGetValue(connection, out var statements)
                ? statements.Take(command)
                : result;

        public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
        {
            if (command is SqliteCommand { Connection: { } connection } sqlite && eventData.Context is { } context
                && Kept.TryGetValue(connection, out var statements) && statements.Release(sqlite))
            {
                // What EF Core does when a read ends, but for disposing the command: the reader's
                // disposal resets the statements (ending the read), and the parameters are let go.
                eventData.DataReader.Dispose();
                sqlite.Parameters.Clear();
                context.GetService<IRelationalConnection>().Close();
                return InterceptionResult.Suppress();
            }

            return result;
        }

        public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Forget(command);

        public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            Forget(command);
            return Task.CompletedTask;
        }

        public override void CommandCanceled(DbCommand command, CommandEndEventData eventData) => Forget(command);

        public override Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Forget(command);
            return Task.CompletedTask;
        }

        private static void Forget(DbCommand command)
        {
            if (command is SqliteCommand { Connection: { } connection } sqlite && Kept.TryGetValue(connection, out var statements))
            {
                statements.Forget(sqlite);
            }
        }
    }

#pragma warning disable EF1001 // SqliteRelationalConnection is EF Core's own SQLite connection service; only its create/close/dispose template methods are overridden.
    /// <summary>
    /// EF Core's SQLite connection, but for where its connection comes from and goes: an idle open
    /// one when there is one; kept open while the context lives (EF Core closed it after each query);
    /// given back for the next context when the context is disposed, if <see cref="Return"/> allows.
    /// </summary>
    private sealed class KeptSqliteRelationalConnection(
        RelationalConnectionDependencies dependencies,
        IRawSqlCommandBuilder rawSqlCommandBuilder,
        IDiagnosticsLogger<DbLoggerCategory.Infrastructure> logger)
        : SqliteRelationalConnection(dependencies, rawSqlCommandBuilder, logger)
    {
        protected override DbConnection CreateDbConnection()
        {
            var connectionString = ConnectionString;
            if (connectionString is not null && Rent(connectionString) is { } idle)
            {
                return idle;
            }

            // EF Core's own connection, with its SQL functions registered; they stay with it.
            var connection = base.CreateDbConnection();
            if (connectionString is not null && connection is SqliteConnection sqlite)
            {
                Kept.Add(sqlite, new Statements(PoolOf(connectionString)));
            }

            return connection;
        }

        // Closing would finalize every kept statement: the connection stays open until the context ends.
        protected override void CloseDbConnection()
        {
        }

        protected override Task CloseDbConnectionAsync() => Task.CompletedTask;

        protected override void DisposeDbConnection()
        {
            if (!GiveBack())
            {
                base.DisposeDbConnection();
            }
        }

        protected override ValueTask DisposeDbConnectionAsync() => GiveBack() ? ValueTask.CompletedTask : base.DisposeDbConnectionAsync();

        private bool GiveBack() => ConnectionString is { } connectionString && DbConnection is SqliteConnection connection && Return(connectionString, connection);
    }
#pragma warning restore EF1001

    /// <summary>Closes the app's idle connections when it stops.</summary>
    public sealed class IdleConnectionsCloser(string connectionString) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            Clear(connectionString);
            return Task.CompletedTask;
        }
    }
}
