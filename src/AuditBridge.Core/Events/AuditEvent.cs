namespace AuditBridge.Events;

/// <summary>
/// One vendor audit event in the normalized shape every format, sink and rule works on.
/// The vendor's own JSON is kept unchanged in <see cref="Raw"/>.
/// </summary>
public sealed class AuditEvent
{
    /// <summary>Stable event id: the vendor's id, or a content hash for vendors without one (Dropbox).</summary>
    public required string Id { get; init; }

    /// <summary>Vendor key: <c>dropbox</c>, <c>box</c> or <c>dashlane</c>.</summary>
    public required string Vendor { get; init; }

    /// <summary>Configured source name (for example <c>acme-dropbox</c>); the vendor key for one-shot pulls.</summary>
    public required string Source { get; init; }

    /// <summary>When the event happened, in UTC.</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>When AuditBridge received or stored the event, in UTC; null until then.</summary>
    public DateTimeOffset? Received { get; init; }

    /// <summary>Vendor category, for example <c>logins</c> or <c>sharing</c>.</summary>
    public required string Category { get; init; }

    /// <summary>Vendor event type, for example <c>file_add</c>, <c>DOWNLOAD</c> or <c>user_device_added</c>.</summary>
    public required string Action { get; init; }

    /// <summary>The vendor's human-readable text for the event type, when it has one.</summary>
    public string? Description { get; init; }

    /// <summary>Who did it.</summary>
    public Principal? Actor { get; init; }

    /// <summary>Whom it was done to (the context user, or the first participant).</summary>
    public Principal? Target { get; init; }

    /// <summary>Origin IP address as the vendor wrote it (IPv4 or IPv6).</summary>
    public string? Ip { get; init; }

    /// <summary>Origin location, when the vendor resolves one.</summary>
    public GeoLocation? Geo { get; init; }

    /// <summary>Files, folders and other items the event touched, in vendor order.</summary>
    public IReadOnlyList<EventObject> Objects { get; init; } = [];

    /// <summary>Success or failure, where the vendor says so.</summary>
    public EventOutcome Outcome { get; init; }

    /// <summary>Severity 0..10 from the severity policy.</summary>
    public int Severity { get; init; }

    /// <summary>Vendor JSON fragments (details, actor, origin …) as compact JSON, in the order formats number them.</summary>
    public IReadOnlyList<EventSection> Sections { get; init; } = [];

    /// <summary>Every e-mail address, user name and IP address found anywhere in the vendor event.</summary>
    public IReadOnlyList<string> Indicators { get; init; } = [];

    /// <summary>The vendor's event JSON, byte for byte as received.</summary>
    public required ReadOnlyMemory<byte> Raw { get; init; }
}
