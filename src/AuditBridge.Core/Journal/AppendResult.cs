namespace AuditBridge.Journal;

/// <summary>What an append stored.</summary>
/// <param name="Inserted">Events of the page that were new.</param>
/// <param name="Duplicates">Events of the page that were stored before (same source and id), or twice in the page, and were skipped.</param>
/// <param name="LastSequence">The highest sequence number in the journal after the append (<see cref="IJournal.GetHeadAsync"/>).</param>
/// <param name="Quarantined">Quarantined events of the page that were new (not kept before for the same source, by content).</param>
public readonly record struct AppendResult(int Inserted, int Duplicates, long LastSequence, int Quarantined = 0);
