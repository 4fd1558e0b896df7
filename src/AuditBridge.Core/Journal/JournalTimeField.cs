namespace AuditBridge.Journal;

/// <summary>Which time of a stored event <see cref="IJournal.FindSequenceAsync"/> compares with.</summary>
public enum JournalTimeField
{
    /// <summary>When the event happened (<see cref="Events.AuditEvent.Time"/>): "resend what happened since Tuesday".</summary>
    Time,

    /// <summary>When the journal stored the event (<see cref="Events.AuditEvent.Received"/>): "resend what arrived since Tuesday".</summary>
    Received,
}
