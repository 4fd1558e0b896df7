using AuditBridge.Journal;
using AuditBridge.Sources;

namespace AuditBridge.Pipeline;

/// <summary>
/// Reads one source from its stored checkpoint and appends every page to the journal; the journal stores a page's new
/// events and its checkpoint in one transaction, so the checkpoint never runs ahead of stored events.
/// </summary>
public sealed class Collector
{
    private readonly string _source;
    private readonly ISource _reader;
    private readonly IJournal _journal;
    private readonly JournalSignal _signal;
    private readonly TimeProvider _time;
    private readonly IPipelineObserver _observer;

    /// <summary>Creates a collector for the source named <paramref name="source"/>.</summary>
    public Collector(string source, ISource reader, IJournal journal, JournalSignal signal, TimeProvider time, IPipelineObserver observer)
    {
        _source = source;
        _reader = reader;
        _journal = journal;
        _signal = signal;
        _time = time;
        _observer = observer;
    }

    /// <summary>Reads until the source has nothing more right now; returns how many new events were stored.</summary>
    /// <exception cref="SourceException">The source failed; pages stored before the failure stay stored.</exception>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var checkpoint = await _journal.GetCheckpointAsync(_source, cancellationToken);
        var inserted = 0;
        await foreach (var page in _reader.ReadAsync(checkpoint, cancellationToken))
        {
            var result = await _journal.AppendAsync(_source, page, _time.GetUtcNow(), cancellationToken);
            inserted += result.Inserted;
            _observer.PageStored(_source, result.Inserted, result.Duplicates + page.DuplicatesDropped, page.Checkpoint.NewestEventTime, _time.GetUtcNow());
            if (result.Inserted > 0)
            {
                _signal.Notify();
            }
        }

        return inserted;
    }
}
