using System.Globalization;
using AuditBridge.Secrets;

namespace AuditBridge.Sources.Dashlane;

/// <summary>
/// Turns how dcli ended into a classified <see cref="SourceException"/> whose message names the cause, the fix, and
/// quotes dcli's last stderr lines (redacted). Patterns come from the CLI's sources (src/errors.ts, its top-level
/// handler printing <c>error: &lt;message&gt;</c> with exit code 1) and its documented failures (saas-apis.md C.1, C.9).
/// Unknown failures are transient: the run is retried later, and the message shows what dcli said.
/// </summary>
internal static class DcliFailures
{
    public const string InstallHint =
        "Install the Dashlane CLI (https://cli.dashlane.com; a release binary of github.com/Dashlane/dashlane-cli) and give its path with --dcli, or put dcli on PATH.";

    // Characters of one stderr line shown in a message.
    private const int QuotedLineChars = 600;

    private const string KeysHint =
        "Create enrolled team device keys in the Admin Console (Integrations > Developer Access) and pass them to the source as DASHLANE_ENROLLED_TEAM_DEVICE_KEYS.";

    private static readonly (string Pattern, SourceErrorKind Kind, bool Transient, string Cause)[] Patterns =
    [
        ("Could not find enrolled team device credentials", SourceErrorKind.Authentication, false, "dcli found no team credentials: DASHLANE_ENROLLED_TEAM_DEVICE_KEYS is not set for it. " + KeysHint),
        ("Could not find team credentials", SourceErrorKind.Authentication, false, "dcli found no team credentials (this dcli is older than 6.2544 and wants DASHLANE_TEAM_DEVICE_KEYS): upgrade dcli. " + KeysHint),
        ("credentials has a wrong format", SourceErrorKind.Authentication, false, "dcli rejected DASHLANE_ENROLLED_TEAM_DEVICE_KEYS as malformed: copy the whole value (it starts with DASH_EDWSA_) without quotes or line breaks."),
        ("invalid_authentication", SourceErrorKind.Authentication, false, "Dashlane rejected the team device keys (revoked, expired after at most 12 months, or from another team). " + KeysHint),
        ("unauthorized", SourceErrorKind.Authentication, false, "Dashlane rejected the team device keys. " + KeysHint),
        ("forbidden", SourceErrorKind.Permission, false, "Dashlane refused the request: the keys lack the audit-log scope. Create keys with the activity-log scope in Developer Access."),
        ("not_allowed", SourceErrorKind.Permission, false, "Dashlane refused the request: the keys lack the audit-log scope. Create keys with the activity-log scope in Developer Access."),
        ("maintenance", SourceErrorKind.Unavailable, true, "Dashlane says the CLI's audit-log commands are under maintenance; the run is retried later."),
        ("not be able to access the audit logs", SourceErrorKind.Unavailable, true, "Dashlane says the audit logs cannot be reached through the CLI right now; the run is retried later."),
        ("Query execution did not succeed", SourceErrorKind.Unavailable, true, "Dashlane's audit-log query failed on its side; the run is retried later."),
        ("ENOTFOUND", SourceErrorKind.Unavailable, true, "dcli could not resolve Dashlane's API host: check DNS and the proxy settings of the machine."),
        ("EAI_AGAIN", SourceErrorKind.Unavailable, true, "dcli could not resolve Dashlane's API host: check DNS and the proxy settings of the machine."),
        ("ECONNREFUSED", SourceErrorKind.Unavailable, true, "dcli could not connect to Dashlane: check the network and proxy."),
        ("ECONNRESET", SourceErrorKind.Unavailable, true, "the connection to Dashlane was reset; the run is retried later."),
        ("ETIMEDOUT", SourceErrorKind.Unavailable, true, "dcli timed out talking to Dashlane; the run is retried later."),
        ("socket hang up", SourceErrorKind.Unavailable, true, "the connection to Dashlane was closed; the run is retried later."),
        ("unknown option", SourceErrorKind.InvalidRequest, false, "dcli rejected the arguments 'team logs --start <ms> --end <ms>': this dcli is too old or too new for AuditBridge. Use a Dashlane CLI 6.x."),
        ("unknown command", SourceErrorKind.InvalidRequest, false, "dcli does not know 'team logs': use a Dashlane CLI 6.x (or check that --dcli names the Dashlane CLI)."),
        ("argument missing", SourceErrorKind.InvalidRequest, false, "dcli rejected the arguments 'team logs --start <ms> --end <ms>': use a Dashlane CLI 6.x."),
    ];

    /// <summary>dcli could not be found or started.</summary>
    public static SourceException NotStartable(string dcliPath, string reason) =>
        new(SourceErrorKind.InvalidRequest, $"Cannot run dcli '{dcliPath}': {reason}. {InstallHint}", isTransient: false);

    /// <summary>dcli ended with a non-zero exit code, or exit 0 with an error on stderr.</summary>
    public static SourceException Failed(int exitCode, IReadOnlyList<string> stderr, SecretRedactor redactor)
    {
        var said = Quote(stderr, redactor);
        foreach (var (pattern, kind, transient, cause) in Patterns)
        {
            if (stderr.Any(line => line.Contains(pattern, StringComparison.OrdinalIgnoreCase)))
            {
                return new SourceException(kind, $"{Ended(exitCode)}: {cause} {said}", transient);
            }
        }

        return exitCode switch
        {
            126 or 127 => new SourceException(SourceErrorKind.InvalidRequest, $"{Ended(exitCode)}: the dcli command or a program it needs (node) cannot be run. {InstallHint} {said}", isTransient: false),
            > 128 => new SourceException(SourceErrorKind.Unavailable, $"{Ended(exitCode)}: dcli was stopped by signal {exitCode - 128}; the run is retried later. {said}", isTransient: true),
            _ => new SourceException(SourceErrorKind.Unavailable, $"{Ended(exitCode)}; the run is retried later (run 'dcli team logs' by hand with the same keys to see more). {said}", isTransient: true),
        };
    }

    /// <summary>dcli ran longer than the timeout and was killed.</summary>
    public static SourceException TimedOut(TimeSpan timeout, IReadOnlyList<string> stderr, SecretRedactor redactor) =>
        new(
            SourceErrorKind.Unavailable,
            string.Create(CultureInfo.InvariantCulture, $"dcli did not finish within {timeout.TotalSeconds:0.###} s and was killed (with its child processes); nothing of this window was checkpointed and the run is retried later. Raise the dcli timeout if Dashlane's query is slow for this window. {Quote(stderr, redactor)}"),
            isTransient: true);

    /// <summary>dcli printed a line that is not an audit log.</summary>
    public static SourceException InvalidLine(long line, DashlaneLineException problem, bool cutShort, IReadOnlyList<string> stderr, SecretRedactor redactor)
    {
        var where = problem.Column is { } column ? string.Create(CultureInfo.InvariantCulture, $"line {line}, byte {column}") : string.Create(CultureInfo.InvariantCulture, $"line {line}");
        var what = cutShort ? "was cut short (dcli stopped in the middle of it)" : "is not a Dashlane audit log";
        return new SourceException(
            SourceErrorKind.InvalidResponse,
            $"dcli output {where} {what}: {ExternalText.Describe(problem.Problem, redactor)}. Nothing of this window was checkpointed; the run is retried later, and if this persists the dcli version prints a format AuditBridge does not know. {Quote(stderr, redactor)}",
            isTransient: true);
    }

    /// <summary>The last stderr lines, redacted and with control characters escaped (dcli colours its errors), as one clause.</summary>
    public static string Quote(IReadOnlyList<string> stderr, SecretRedactor redactor)
    {
        if (stderr.Count == 0)
        {
            return "dcli printed nothing on stderr.";
        }

        var lines = stderr.Count > 6 ? stderr.Skip(stderr.Count - 6) : stderr;
        return "dcli stderr: " + string.Join(" / ", lines.Select(l => "\"" + ExternalText.Describe(l, redactor, QuotedLineChars, isCut: l.Length >= DcliProcess.StderrLineChars) + "\""));
    }

    private static string Ended(int exitCode) => exitCode == 0
        ? "dcli exited with code 0 but reported an error"
        : string.Create(CultureInfo.InvariantCulture, $"dcli exited with code {exitCode}");
}
