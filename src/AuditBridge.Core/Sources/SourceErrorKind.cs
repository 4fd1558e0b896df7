namespace AuditBridge.Sources;

/// <summary>Why a source failed; decides the exit code of one-shot commands and what the daemon shows.</summary>
public enum SourceErrorKind
{
    /// <summary>Credentials are missing, invalid, expired beyond refresh, or revoked.</summary>
    Authentication,

    /// <summary>The credentials work but lack a permission or scope.</summary>
    Permission,

    /// <summary>The vendor refused the request (bad filter, unknown account, bad time range).</summary>
    InvalidRequest,

    /// <summary>Rate limited for longer than the configured maximum wait.</summary>
    RateLimited,

    /// <summary>The vendor was unreachable or failed (5xx, timeouts, resets) for longer than the retry budget.</summary>
    Unavailable,

    /// <summary>The vendor answered with something that is not a valid page (not JSON, cut short, wrong shape).</summary>
    InvalidResponse,

    /// <summary>The resume position is not usable and cannot be recovered automatically.</summary>
    InvalidCheckpoint,

    /// <summary>Input data given by the user (a file, a stream) is not valid; the message names where.</summary>
    InvalidInput,
}
