namespace AuditBridge.Events;

/// <summary>Whether the audited action succeeded, where the vendor says so.</summary>
public enum EventOutcome
{
    /// <summary>The vendor does not say.</summary>
    Unknown,

    /// <summary>The action succeeded.</summary>
    Success,

    /// <summary>The action failed (for example a failed sign-in).</summary>
    Failure,
}
