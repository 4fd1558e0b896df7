namespace AuditBridge.Cli.Pull;

/// <summary>
/// What a vendor adds to the shared pull (<see cref="PullService"/>): its filters, its credentials and its source.
/// Everything else — state, outputs, retries, progress, exit codes — is the same for every vendor.
/// </summary>
internal abstract class VendorPull
{
    /// <summary>Source type (<c>dropbox</c>, <c>box</c>, <c>dashlane</c>), saved with the state.</summary>
    public abstract string Vendor { get; }

    /// <summary>The start time as given, saved with the state so a later run can say it is not used.</summary>
    public virtual string? StartTimeText => null;

    /// <summary>A resume point given on the command line (<c>--cursor</c>, <c>--stream-position</c>) and its option.</summary>
    public virtual (string Option, string Value)? GivenPosition => null;

    /// <summary>Reads credentials and resolves filters; throws <see cref="Shell.UsageException"/> for bad input.</summary>
    public abstract PreparedPull Prepare(PullEnvironment environment);

    /// <summary>
    /// Checks the options against what the state holds (for example: a first run needs a start time); returns the
    /// problem, or null. Called after the state is read, before the source is created.
    /// </summary>
    public virtual string? CheckResume(AuditBridge.Sources.Checkpoint? resumeFrom) => null;

    /// <summary>Lines to print after the run's summary (what a conversion skipped, for example).</summary>
    public virtual IEnumerable<string> AfterRun() => [];
}
