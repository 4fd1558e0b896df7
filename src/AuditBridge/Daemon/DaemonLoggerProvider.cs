using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using AuditBridge.Secrets;
using Microsoft.Extensions.Logging;

namespace AuditBridge.Daemon;

/// <summary>
/// The daemon's log: one line per happening on stderr, with time, level and the event's fields; text for people
/// (<c>2026-11-22T05:12:00.123Z warning sources: …</c>) or JSON lines for log shippers. Every line passes the redactor,
/// and a text line has its control characters escaped, so a quoted vendor answer cannot forge a line or drive a terminal.
/// </summary>
internal sealed class DaemonLoggerProvider(TextWriter output, SecretRedactor redactor, LogLevel minimum, bool json, TimeProvider time) : ILoggerProvider
{
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly Lock _gate = new();

    public ILogger CreateLogger(string categoryName) => new DaemonLogger(this, ShortCategory(categoryName), minimum);

    public void Dispose()
    {
    }

    private static string ShortCategory(string category)
    {
        var dot = category.LastIndexOf('.');
        return dot < 0 ? category : category[(dot + 1)..];
    }

    private void Write<TState>(string category, LogLevel level, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var now = time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var message = redactor.Redact(formatter(state, exception) + (exception is null ? string.Empty : $" ({exception.GetType().Name}: {exception.Message})"));
        string line;
        if (json)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, JsonOptions))
            {
                writer.WriteStartObject();
                writer.WriteString("time", now);
                writer.WriteString("level", Level(level));
                writer.WriteString("category", category);
                if (eventId.Id != 0)
                {
                    writer.WriteNumber("event_id", eventId.Id);
                }

                writer.WriteString("message", message);
                if (state is IReadOnlyList<KeyValuePair<string, object?>> fields)
                {
                    foreach (var (key, value) in fields)
                    {
                        if (key != "{OriginalFormat}")
                        {
                            writer.WriteString(key, redactor.Redact(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty));
                        }
                    }
                }

                writer.WriteEndObject();
            }

            line = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        }
        else
        {
            line = $"{now} {Level(level),-7} {category}: {ExternalText.Escape(message)}";
        }

        lock (_gate)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warning",
        LogLevel.Error => "error",
        _ => "critical",
    };

    private sealed class DaemonLogger(DaemonLoggerProvider provider, string category, LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                provider.Write(category, logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
