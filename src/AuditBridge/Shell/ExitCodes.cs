namespace AuditBridge.Shell;

/// <summary>Process exit codes; the table in docs/cli.md is the user-facing copy.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>An unexpected internal error (a bug): the message and stack trace go to stderr.</summary>
    public const int InternalError = 1;

    /// <summary>Invalid command line: unknown option, bad value, conflicting options.</summary>
    public const int Usage = 2;

    /// <summary>Credentials missing, rejected, expired beyond refresh or revoked.</summary>
    public const int Authentication = 3;

    /// <summary>The credentials lack a permission or scope.</summary>
    public const int Permission = 4;

    /// <summary>The vendor refused the request: a filter, account or time range it does not accept.</summary>
    public const int InvalidRequest = 5;

    /// <summary>Rate limited for longer than --max-wait; the state is saved, run again later.</summary>
    public const int RateLimited = 6;

    /// <summary>The vendor stayed unreachable or failing through every retry; the state is saved.</summary>
    public const int Unavailable = 7;

    /// <summary>The vendor sent something that is not a valid page; nothing of that page was written.</summary>
    public const int InvalidResponse = 8;

    /// <summary>The state file is unreadable, or belongs to other filters (use --reset-state).</summary>
    public const int State = 9;

    /// <summary>An output could not be written (file, syslog receiver).</summary>
    public const int Output = 10;

    /// <summary>Invalid input data (convert) or configuration.</summary>
    public const int InvalidInput = 11;

    /// <summary>Stopped by SIGINT (Ctrl-C), after keeping the state of the last completely written page.</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped by SIGTERM, after keeping the state of the last completely written page.</summary>
    public const int Terminated = 143;
}
