using AuditBridge.Journal;

namespace AuditBridge.Daemon;

/// <summary>Why the daemon stopped on its own: the first permanent journal failure (exit 9), or nothing.</summary>
internal sealed class DaemonStop
{
    private JournalException? _journalFailure;

    /// <summary>The journal failure that stopped the daemon; null when it was stopped from outside.</summary>
    public JournalException? JournalFailure => Volatile.Read(ref _journalFailure);

    /// <summary>Records the first journal failure (later ones are consequences of it).</summary>
    public void JournalFailed(JournalException failure) => Interlocked.CompareExchange(ref _journalFailure, failure, null);
}
