namespace AuditBridge.TestKit.Sources;

/// <summary>What a <see cref="ISourceHarness"/> makes its vendor do to the next read.</summary>
public enum SourceFault
{
    /// <summary>A failure worth retrying later (the vendor is down, the network broken) that outlasts the source's own retries, then recovers.</summary>
    Transient,

    /// <summary>The vendor refuses the credentials: no retry can help.</summary>
    Permanent,
}
