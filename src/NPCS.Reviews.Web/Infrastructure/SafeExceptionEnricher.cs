using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Serilog.Core;
using Serilog.Events;

namespace NPCS.Reviews.Web.Infrastructure;

/// <summary>
/// Exception messages can quote data (SQL Server's duplicate-key message quotes the value), and review
/// data must never reach the logs. This adds <c>SafeException</c>: the exception types and stack
/// traces without their messages. The output templates print it instead of <c>{Exception}</c>.
/// </summary>
public sealed class SafeExceptionEnricher : ILogEventEnricher
{
    public const string PropertyName = "SafeException";

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        ArgumentNullException.ThrowIfNull(propertyFactory);
        if (logEvent.Exception is { } exception)
        {
            logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty(PropertyName, Describe(exception) + Environment.NewLine));
        }
    }

    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var parts = new List<string>();
        for (var current = exception; current is not null; current = current.InnerException)
        {
            parts.Add($"{current.GetType().FullName} ({CodeOf(current)}message withheld){Environment.NewLine}{current.StackTrace}");
        }

        return string.Join(Environment.NewLine + " ---> ", parts);
    }

    // The database's error numbers tell a constraint from a lock or a busy snapshot, and carry no data.
    private static string CodeOf(Exception exception) => exception switch
    {
        SqliteException sqlite => $"SQLite error {sqlite.SqliteErrorCode}, extended {sqlite.SqliteExtendedErrorCode}; ",
        SqlException sql => $"SQL Server error {sql.Number}; ",
        _ => string.Empty,
    };
}
