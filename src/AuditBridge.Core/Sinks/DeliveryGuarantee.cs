namespace AuditBridge.Sinks;

/// <summary>What a sink promises about a completed write.</summary>
public enum DeliveryGuarantee
{
    /// <summary>The data reached the receiver or the disk; a crash can only repeat the batch in flight.</summary>
    AtLeastOnce,

    /// <summary>The data was sent, nothing more (UDP syslog).</summary>
    BestEffort,
}
