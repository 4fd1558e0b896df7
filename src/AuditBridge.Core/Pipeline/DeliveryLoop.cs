using AuditBridge.Events;
using AuditBridge.Journal;
using AuditBridge.Sinks;

namespace AuditBridge.Pipeline;

/// <summary>
/// One sink's delivery: read the journal after the sink's position, filter, write, and only then move the position.
/// A transient failure (of the sink, or of the journal) retries with backoff for as long as it takes (the backlog grows
/// and shows); a permanent sink failure stops this sink. Other sinks and the collectors are never held back.
/// </summary>
/// <remarks>
/// The position moves only after <see cref="ISink.WriteAsync"/> returned, and sinks return only once the batch is
/// handed off (written and flushed, acknowledged, or fsynced where the sink promises that). A crash between the write
/// and the position update sends that one batch again on restart: at least once, duplicates recognisable by event id.
/// </remarks>
public sealed class DeliveryLoop
{
    private readonly DeliveryLoopOptions _options;
    private readonly ISink _sink;
    private readonly IJournal _journal;
    private readonly JournalSignal _signal;
    private readonly TimeProvider _time;
    private readonly IPipelineObserver _observer;
    private readonly ExponentialBackoff _backoff;

    /// <summary>Creates the loop.</summary>
    public DeliveryLoop(DeliveryLoopOptions options, ISink sink, IJournal journal, JournalSignal signal, TimeProvider time, IPipelineObserver observer, Random? random = null)
    {
        _options = options;
        _sink = sink;
        _journal = journal;
        _signal = signal;
        _time = time;
        _observer = observer;
        _backoff = new ExponentialBackoff(options.InitialBackoff, options.MaxBackoff < options.InitialBackoff ? options.InitialBackoff : options.MaxBackoff, random);
    }

    /// <summary>Delivers until cancelled, or until a permanent failure stops the sink (then returns that failure).</summary>
    /// <exception cref="JournalException">The journal failed permanently.</exception>
    public async Task<SinkException?> RunAsync(CancellationToken cancellationToken)
    {
        long? position = null;
        var journalFailures = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                position ??= await _journal.GetPositionAsync(_options.Name, cancellationToken);

                // A replay request from another process takes effect between batches, never inside one.
                if (await _journal.TakeRequestedPositionAsync(_options.Name, cancellationToken) is { } requested)
                {
                    position = requested;
                    _observer.PositionRequested(_options.Name, requested, _time.GetUtcNow());
                }

                var ticket = _signal.Ticket;
                var entries = await _journal.ReadAsync(position.Value, _options.BatchSize, cancellationToken);
                journalFailures = 0;
                if (entries.Count == 0)
                {
                    await JournalSignal.WaitAsync(ticket, _options.IdleWait, _time, cancellationToken);
                    continue;
                }

                var selected = new List<AuditEvent>(entries.Count);
                foreach (var entry in entries)
                {
                    if (Wanted(entry.Event))
                    {
                        selected.Add(entry.Event);
                    }
                }

                var failure = await WriteUntilDoneAsync(selected, cancellationToken);
                if (failure is not null)
                {
                    return failure;
                }

                // Only now, with the batch handed off, does the position move past it. If storing it fails, the next
                // stored position covers this batch too; a crash before then sends this batch again.
                position = entries[^1].Sequence;
                await _journal.SetPositionAsync(_options.Name, position.Value, cancellationToken);
                _observer.BatchDelivered(_options.Name, selected.Count, entries.Count - selected.Count, position.Value, _time.GetUtcNow());
            }
            catch (JournalException failure) when (failure.IsTransient && !cancellationToken.IsCancellationRequested)
            {
                var wait = _backoff.DelayFor(journalFailures++);
                _observer.DeliveryFailed(_options.Name, failure, _time.GetUtcNow(), _time.GetUtcNow() + wait);
                await Task.Delay(wait, _time, cancellationToken);
            }
        }
    }

    private bool Wanted(AuditEvent auditEvent) =>
        auditEvent.Severity >= _options.MinSeverity && (_options.Sources is null || _options.Sources.Contains(auditEvent.Source));

    private async Task<SinkException?> WriteUntilDoneAsync(List<AuditEvent> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return null;
        }

        var failures = 0;
        while (true)
        {
            try
            {
                await _sink.WriteAsync(batch, cancellationToken);
                return null;
            }
            catch (SinkException) when (cancellationToken.IsCancellationRequested)
            {
                // The write was cut off because the daemon is stopping: that is the stop, not the sink failing. The batch
                // was not acknowledged, so its position did not move and the next start delivers it again.
                throw new OperationCanceledException(cancellationToken);
            }
            catch (SinkException failure)
            {
                if (!failure.IsTransient)
                {
                    _observer.DeliveryFailed(_options.Name, failure, _time.GetUtcNow(), retryAt: null);
                    return failure;
                }

                // The receiver's own Retry-After wins over our backoff when it asks for longer (never beyond the cap).
                var wait = _backoff.DelayFor(failures++);
                if (failure.RetryAfter is { } retryAfter && retryAfter > wait)
                {
                    wait = retryAfter < _options.MaxBackoff ? retryAfter : _options.MaxBackoff;
                }

                _observer.DeliveryFailed(_options.Name, failure, _time.GetUtcNow(), _time.GetUtcNow() + wait);
                await Task.Delay(wait, _time, cancellationToken);
            }
        }
    }
}
