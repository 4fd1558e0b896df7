namespace AuditBridge.Simulators.Dropbox;

/// <summary>Where a simulated 429 states how long to wait.</summary>
public enum RetryAfterIn
{
    /// <summary>Only the <c>Retry-After</c> header.</summary>
    Header,

    /// <summary>Only the body (<c>retry_after</c> in JSON, or the text of a plain-text body).</summary>
    Body,

    /// <summary>Header and body, as Dropbox sends it.</summary>
    Both,
}
