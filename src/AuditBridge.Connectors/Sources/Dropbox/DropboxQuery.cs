namespace AuditBridge.Sources.Dropbox;

/// <summary>The filters of a team_log query, as the API has them (saas-apis.md A.2).</summary>
public sealed record DropboxQuery
{
    /// <summary>Largest page the API allows; also its default.</summary>
    public const int MaxLimit = 1000;

    /// <summary>One event category tag (<c>logins</c>); the API refuses it together with <see cref="EventType"/>.</summary>
    public string? Category { get; init; }

    /// <summary>One event type tag (<c>file_add</c>); the API refuses it together with <see cref="Category"/>.</summary>
    public string? EventType { get; init; }

    /// <summary>Only events where this account (<c>dbid:…</c>) is actor, context or participant.</summary>
    public string? AccountId { get; init; }

    /// <summary>Inclusive lower bound of event time (UTC, whole seconds).</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>Exclusive upper bound of event time (UTC, whole seconds). Without it the cursor can poll for new events forever.</summary>
    public DateTimeOffset? EndTime { get; init; }

    /// <summary>Events per page, 1..1000. Default 1000 (fewest calls).</summary>
    public int Limit { get; init; } = MaxLimit;

    /// <summary>Returns the first problem the API would report for these filters, or null when they are valid.</summary>
    public string? Validate()
    {
        if (Category is not null && EventType is not null)
        {
            return "--category and --event-type cannot be used together: the Dropbox API accepts only one of them (invalid_filters)";
        }

        if (Limit is < 1 or > MaxLimit)
        {
            return $"--limit must be between 1 and {MaxLimit}, got {Limit}";
        }

        if (StartTime is { } start && EndTime is { } end && start >= end)
        {
            return $"--start-time ({start:yyyy-MM-dd'T'HH:mm:ss'Z'}) must be before --end-time ({end:yyyy-MM-dd'T'HH:mm:ss'Z'}): the start is inclusive, the end exclusive";
        }

        if (AccountId is { Length: not 40 } || (AccountId is not null && !AccountId.StartsWith("dbid:", StringComparison.Ordinal)))
        {
            return $"--account-id must be a Dropbox account id: 'dbid:' followed by 35 characters (40 in all), got '{AccountId}'";
        }

        return null;
    }
}
