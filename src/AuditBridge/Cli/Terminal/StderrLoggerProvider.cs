using AuditBridge.Secrets;
using Microsoft.Extensions.Logging;

namespace AuditBridge.Cli.Terminal;

/// <summary>
/// Log lines for one-shot commands: one line per happening on stderr, <c>warning: …</c>, with every known secret
/// redacted and control characters escaped (by <see cref="StderrConsole"/>). The daemon uses its own provider.
/// </summary>
internal sealed class StderrLoggerProvider(StderrConsole console, SecretRedactor redactor, LogLevel minimum) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new StderrLogger(console, redactor, minimum);

    public void Dispose()
    {
    }

    private sealed class StderrLogger(StderrConsole console, SecretRedactor redactor, LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var prefix = logLevel switch
            {
                LogLevel.Trace or LogLevel.Debug => "debug: ",
                LogLevel.Information => string.Empty,
                LogLevel.Warning => "warning: ",
                _ => "error: ",
            };
            var message = formatter(state, exception);
            if (exception is not null)
            {
                message += $" ({ExternalText.Describe(exception.Message, redactor)})";
            }

            console.WriteLine(redactor.Redact(prefix + message));
        }
    }
}
