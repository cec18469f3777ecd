using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace NPCS.Reviews.Tests.Support;

/// <summary>
/// Makes the database fail part-way through a save: once armed, the <c>n</c>th write command
/// (INSERT, UPDATE or DELETE; reads are not counted) throws instead of running, after the ones before
/// it have run. Also counts the writes of a save, to know where "part-way" can be, and, once asked
/// (<see cref="RecordReads"/>), keeps the SQL text of the queries sent.
/// </summary>
public sealed class CommandFaults : DbCommandInterceptor
{
    private int _failAt;
    private int _writes;
    private ConcurrentQueue<string>? _reads;
    private (string Sql, Action Action)? _afterRead;

    /// <summary>The writes counted since the last <see cref="Arm"/> or <see cref="Count"/>.</summary>
    public int Writes => Volatile.Read(ref _writes);

    /// <summary>The <paramref name="failAt"/>th write from now throws; the ones before it run.</summary>
    public void Arm(int failAt)
    {
        _writes = 0;
        _failAt = failAt;
    }

    /// <summary>Counts writes from now on without failing any.</summary>
    public void Count() => Arm(0);

    public void Disarm() => Arm(0);

    /// <summary>Keeps the SQL text of every query from now on (and forgets the ones kept before).</summary>
    public IReadOnlyCollection<string> RecordReads() => _reads = new ConcurrentQueue<string>();

    /// <summary>
    /// Runs <paramref name="action"/> once, just after the next query whose SQL contains
    /// <paramref name="sql"/> has run and before its result is used: another user's moment.
    /// </summary>
    public void OnceAfterRead(string sql, Action action) => _afterRead = (sql, action);

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        AfterRead(command);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        AfterRead(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        _reads?.Enqueue(command.CommandText);
        Check(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        _reads?.Enqueue(command.CommandText);
        Check(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Check(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }

    private void AfterRead(DbCommand command)
    {
        if (_afterRead is { } hook && command.CommandText.Contains(hook.Sql, StringComparison.Ordinal))
        {
            _afterRead = null;
            hook.Action();
        }
    }

    private void Check(DbCommand command)
    {
        var text = command.CommandText.TrimStart();
        if (!(text.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        if (Interlocked.Increment(ref _writes) == _failAt)
        {
            throw new InjectedFailureException($"Injected failure at write {_failAt}: {text[..Math.Min(40, text.Length)]}");
        }
    }
}

/// <summary>The failure <see cref="CommandFaults"/> injects, told apart from any real one.</summary>
public sealed class InjectedFailureException : Exception
{
    public InjectedFailureException()
    {
    }

    public InjectedFailureException(string message)
        : base(message)
    {
    }

    public InjectedFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
