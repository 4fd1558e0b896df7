using AuditBridge.Sources.Http;

namespace AuditBridge.Sources.Dropbox;

/// <summary>Everything a Dropbox team_log source needs.</summary>
public sealed record DropboxSourceOptions
{
    /// <summary>Official API host.</summary>
    public static readonly Uri DefaultApiUrl = new("https://api.dropboxapi.com/");

    /// <summary>Configured source name, stamped on every event (<c>dropbox</c> for one-shot pulls).</summary>
    public string SourceName { get; init; } = "dropbox";

    /// <summary>Where <c>/2/team_log/…</c> lives. Default <c>https://api.dropboxapi.com</c>; point it at a simulator or proxy.</summary>
    public Uri ApiUrl { get; init; } = DefaultApiUrl;

    /// <summary>Where <c>/oauth2/token</c> lives. Default <c>https://api.dropboxapi.com</c>.</summary>
    public Uri OAuthUrl { get; init; } = DefaultApiUrl;

    /// <summary>Credentials; secrets never leave this object except towards Dropbox.</summary>
    public required DropboxCredentials Credentials { get; init; }

    /// <summary>The query's filters.</summary>
    public DropboxQuery Query { get; init; } = new();

    /// <summary>A cursor to continue from when no checkpoint is given (the seed script's <c>--cursor</c>).</summary>
    public string? InitialCursor { get; init; }

    /// <summary>
    /// How far before the last known event time a query restarts after the cursor was reset or rejected. The ids of events
    /// within this margin are kept in the checkpoint so the overlap is not written twice. Default 1 h
    /// (the reset timestamp is only approximate, and Dropbox publishes some events late).
    /// </summary>
    public TimeSpan ResetMargin { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Retries, waits and limits of the HTTP calls.</summary>
    public VendorHttpOptions Http { get; init; } = new();
}
