using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using AuditBridge.Journal;
using AuditBridge.Sources;

namespace AuditBridge.Pipeline;

/// <summary>
/// Reads one source from its stored checkpoint and appends every page to the journal; the journal stores a page's new
/// events and its checkpoint in one transaction, so the checkpoint never runs ahead of stored events.
/// </summary>
/// <remarks>
/// The source reads one page ahead: while a page is being appended (a transaction that ends in an fsync), the next one
/// is already fetched, parsed and mapped on another thread. Pages are still appended one at a time and in the order the
/// source gave them, so every checkpoint follows the events stored before it. A page read ahead but not appended (the
/// append failed, or the daemon stopped) was never stored and its checkpoint never moved: the next poll reads it again.
/// </remarks>
public sealed class Collector
{
    // Pages waiting for the append besides the one being read: one keeps the reader busy while the journal commits.
    private const int ReadAhead = 1;

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
    /// <remarks>Returns only once the source stopped reading: no request of this poll outlives it.</remarks>
    /// <exception cref="SourceException">The source failed; pages read before the failure are stored first and stay stored.</exception>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var checkpoint = await _journal.GetCheckpointAsync(_source, cancellationToken);
        var pages = Channel.CreateBounded<SourcePage>(new BoundedChannelOptions(ReadAhead) { SingleReader = true, SingleWriter = true });
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Run(() => ReadPagesAsync(checkpoint, pages.Writer, stopReading.Token), CancellationToken.None);
        var inserted = 0;
        try
        {
            await foreach (var page in pages.Reader.ReadAllAsync(CancellationToken.None))
            {
                var result = await _journal.AppendAsync(_source, page, _time.GetUtcNow(), cancellationToken);
                inserted += result.Inserted;
                _observer.PageStored(_source, result.Inserted, result.Duplicates + page.DuplicatesDropped, page.Checkpoint.NewestEventTime, _time.GetUtcNow());
                if (page.Quarantined.Count > 0)
                {
                    _observer.EventsQuarantined(_source, page.Quarantined, result.Quarantined, _time.GetUtcNow());
                }

                if (result.Inserted > 0)
                {
                    _signal.Notify();
                }
            }
        }
        catch
        {
            // The append failed or was cancelled: stop the reader and wait for it, its failure is not the news.
            await stopReading.CancelAsync();
            _ = await reading;
            throw;
        }

        // Every page the source gave is stored; now its failure, if it ended with one, is the caller's.
        (await reading)?.Throw();
        return inserted;
    }

    /// <summary>Feeds the source's pages into <paramref name="pages"/>; returns the source's failure instead of throwing it.</summary>
    private async Task<ExceptionDispatchInfo?> ReadPagesAsync(Checkpoint? checkpoint, ChannelWriter<SourcePage> pages, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var page in _reader.ReadAsync(checkpoint, cancellationToken))
            {
                await pages.WriteAsync(page, cancellationToken);
            }

            return null;
        }
        catch (Exception e)
        {
            return ExceptionDispatchInfo.Capture(e);
        }
        finally
        {
            pages.Complete();
        }
    }
}
