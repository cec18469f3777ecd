using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace NPCS.Reviews.Web.Tests.Support;

/// <summary>
/// Every log event the app writes, rendered the way the console sink renders it (same template),
/// plus every property value and the raw exception, so a test can look for data that must not be there.
/// </summary>
public sealed class CapturedLogs : ILogEventSink
{
    private static readonly MessageTemplateTextFormatter Formatter =
        new("[{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{SafeException}");

    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        using var text = new StringWriter();
        Formatter.Format(logEvent, text);
        foreach (var property in logEvent.Properties)
        {
            text.Write($" {property.Key}={property.Value}");
        }

        _lines.Enqueue(text.ToString());
    }
}
