using System.Globalization;
using System.Text;

namespace AuditBridge.Sources.Dashlane;

/// <summary>
/// Everything a Dashlane team audit-log source needs. Two modes: run the Dashlane CLI (<c>dcli team logs</c>) for one
/// time window per read (the default), or read the JSON lines <c>dcli</c> already wrote (<see cref="InputPath"/>),
/// optionally following the file as it grows (<see cref="Follow"/>). README.md beside this file explains both.
/// </summary>
public sealed record DashlaneSourceOptions
{
    /// <summary>Longest accepted <see cref="Overlap"/>.</summary>
    public static readonly TimeSpan MaxOverlap = TimeSpan.FromDays(30);

    /// <summary>Longest accepted <see cref="Lag"/>.</summary>
    public static readonly TimeSpan MaxLag = TimeSpan.FromDays(7);

    /// <summary>Configured source name, stamped on every event (<c>dashlane</c> for one-shot pulls).</summary>
    public string SourceName { get; init; } = "dashlane";

    /// <summary>
    /// The Dashlane CLI: a path, or a bare name looked up on <c>PATH</c> (default <c>dcli</c>). dcli mode only.
    /// </summary>
    public string DcliPath { get; init; } = "dcli";

    /// <summary>
    /// Variables added to (or replacing those of) the environment dcli inherits, typically
    /// <c>DASHLANE_ENROLLED_TEAM_DEVICE_KEYS</c>, which is passed through unchanged. Every <c>DASHLANE_*</c> value is
    /// treated as a secret: it is added to the redactor and never logged or printed.
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Start of the first window (inclusive). Required in dcli mode when there is no checkpoint; with a checkpoint the
    /// window starts at its newest <c>date_time</c> minus <see cref="Overlap"/>, but never before this. In file mode, an
    /// optional filter: older logs are skipped.
    /// </summary>
    public DateTimeOffset? Start { get; init; }

    /// <summary>
    /// End of the window (inclusive). dcli mode default: now (from the clock) minus <see cref="Lag"/>, always passed to
    /// dcli explicitly (its own default was wrong once, dashlane-cli PR #206). In file mode, an optional filter.
    /// </summary>
    public DateTimeOffset? End { get; init; }

    /// <summary>
    /// How far before the newest known <c>date_time</c> the next window starts, and (plus a margin) how long the ids of
    /// recent logs are remembered to drop the re-read ones. Default 1 day: Dashlane queries whole days
    /// (saas-apis.md C.6), and logs can be published late. 0 to 30 days.
    /// </summary>
    public TimeSpan Overlap { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Keeps the default window end this far behind now, for logs published late. Default 0; at most 7 days.</summary>
    public TimeSpan Lag { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// Longest a dcli run may take, in real time; then dcli and its children are killed and the read fails (transient).
    /// Default 30 min. There is no idle timeout between lines: dcli prints nothing while Dashlane runs the query.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>The shortest <see cref="Timeout"/> the command line and the configuration accept: 1 s.</summary>
    public static readonly TimeSpan MinimumTimeout = TimeSpan.FromSeconds(1);

    /// <summary>
    /// File mode: a JSON-lines file as <c>dcli team logs</c> wrote it (the CLI documentation's cron recipe appends to
    /// one), or <c>-</c> for standard input. Null = dcli mode.
    /// </summary>
    public string? InputPath { get; init; }

    /// <summary>
    /// The stream read when <see cref="InputPath"/> is <c>-</c>; null = the process's standard input. Not disposed by
    /// the source.
    /// </summary>
    public Stream? StandardInput { get; init; }

    /// <summary>
    /// File mode: keep reading as the file grows, surviving rotation (the path names a new file: the old one is
    /// finished, then the new one read from its start) and truncation; the read ends only when cancelled.
    /// </summary>
    public bool Follow { get; init; }

    /// <summary>How often a followed file is checked for new lines, on the source's clock. Default 1 s; 10 ms to 1 h.</summary>
    public TimeSpan FollowPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Most events in one page. Default 1,000; 1 to 10,000. Pages are smaller when the input pauses.</summary>
    public int PageSize { get; init; } = 1000;

    /// <summary>True in dcli mode (no <see cref="InputPath"/>).</summary>
    public bool RunsDcli => InputPath is null;

    /// <summary>Prints the options with the names, never the values, of <see cref="Environment"/> (they hold the team's keys).</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"SourceName = {SourceName}, DcliPath = {DcliPath}, Environment = [{string.Join(", ", Environment.Keys.Order(StringComparer.Ordinal))}], ");
        builder.Append(CultureInfo.InvariantCulture, $"Start = {Start:O}, End = {End:O}, Overlap = {Overlap}, Lag = {Lag}, Timeout = {Timeout}, ");
        builder.Append(CultureInfo.InvariantCulture, $"InputPath = {InputPath}, Follow = {Follow}, FollowPollInterval = {FollowPollInterval}, PageSize = {PageSize}");
        return true;
    }

    /// <summary>
    /// The first problem with these options, as one sentence naming the option and the fix, or null when they are usable.
    /// </summary>
    /// <param name="hasCheckpoint">True when the read resumes from a checkpoint (a first dcli run needs <see cref="Start"/>).</param>
    public string? Validate(bool hasCheckpoint = false)
    {
        if (string.IsNullOrWhiteSpace(SourceName))
        {
            return "The source name must not be empty.";
        }

        if (Start is { } start && End is { } end && end < start)
        {
            return "The end of the window is before its start: give an end after the start.";
        }

        if (Overlap < TimeSpan.Zero || Overlap > MaxOverlap)
        {
            return "The overlap must be between 0 and 30 days (default 1 day: Dashlane queries whole days).";
        }

        if (Lag < TimeSpan.Zero || Lag > MaxLag)
        {
            return "The lag must be between 0 and 7 days.";
        }

        if (PageSize is < 1 or > 10_000)
        {
            return "The page size must be between 1 and 10,000 events.";
        }

        foreach (var name in Environment.Keys)
        {
            if (name.Length == 0 || name.Contains('=', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal))
            {
                return $"'{name}' is not a valid environment variable name.";
            }
        }

        if (RunsDcli)
        {
            if (string.IsNullOrWhiteSpace(DcliPath))
            {
                return "The dcli path must not be empty: give the Dashlane CLI executable with --dcli.";
            }

            if (Timeout <= TimeSpan.Zero)
            {
                return "The dcli timeout must be positive.";
            }

            if (Follow)
            {
                return "Following needs an input file: dcli reads one window per run (schedule runs instead, or follow the file a dcli cron job appends to).";
            }

            if (!hasCheckpoint && Start is null)
            {
                return "A first run needs a start (--start): dcli's own default is the team's whole history, so choose it explicitly; later runs continue from the saved state.";
            }

            return null;
        }

        if (InputPath!.Length == 0)
        {
            return "The input path must not be empty: give a file, or - for standard input.";
        }

        if (Follow && InputPath == "-")
        {
            return "Standard input cannot be followed: it is read as lines arrive until it closes. Follow a file instead.";
        }

        if (Follow && (FollowPollInterval < TimeSpan.FromMilliseconds(10) || FollowPollInterval > TimeSpan.FromHours(1)))
        {
            return "The follow poll interval must be between 10 ms and 1 hour.";
        }

        return null;
    }
}
