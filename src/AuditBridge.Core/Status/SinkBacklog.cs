using AuditBridge.Journal;

namespace AuditBridge.Status;

/// <summary>What a sink without a stored position (one that never delivered) is waiting for, for <c>status</c> and <c>/metrics</c>.</summary>
public static class SinkBacklog
{
    /// <summary>
    /// The events a sink that never delivered will read: it starts at the oldest event retention left, not at sequence
    /// 1, so this is the head minus what retention already deleted (0 for an empty journal).
    /// </summary>
    public static async Task<long> OfNewSinkAsync(IJournal journal, long head, CancellationToken cancellationToken) =>
        head - (await journal.FindSequenceAsync(DateTimeOffset.MinValue, JournalTimeField.Received, cancellationToken) - 1);
}
