using AuditBridge.Cli.Terminal;
using AuditBridge.Secrets;
using AuditBridge.Sources.Http;
using Microsoft.Extensions.Logging;

namespace AuditBridge.Cli.Pull;

/// <summary>What the shared pull hands a vendor to build its source.</summary>
/// <param name="Variables">The environment with <c>./.env</c> merged in (the environment wins).</param>
/// <param name="Context">Working directory, clock, streams.</param>
/// <param name="Redactor">Add every secret here before anything can print it.</param>
/// <param name="Loggers">Where retries, refreshes and recoveries are reported.</param>
/// <param name="Severity">Severity 0..10 for (category, event type) of this vendor.</param>
/// <param name="Http">One client for the run; the shared pull disposes it.</param>
/// <param name="HttpOptions">Retries, waits and timeouts from the command line.</param>
/// <param name="Now">The time the run started, for relative times such as <c>7d</c>.</param>
internal sealed record PullEnvironment(
    IReadOnlyDictionary<string, string> Variables,
    CliContext Context,
    SecretRedactor Redactor,
    ILoggerFactory Loggers,
    Func<string, string, int> Severity,
    HttpClient Http,
    VendorHttpOptions HttpOptions,
    DateTimeOffset Now)
{
    /// <summary>A path given on the command line, relative to the working directory.</summary>
    public string FullPath(string path) => Path.GetFullPath(path, Context.WorkingDirectory);
}
