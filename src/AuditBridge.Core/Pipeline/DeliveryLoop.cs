using AuditBridge.Events;
using AuditBridge.Journal;
using AuditBridge.Sinks;

namespace AuditBridge.Pipeline;

/// <summary>
/// One sink's delivery: read the journal after the sink's position, filter, write, and only then move the position.
/// A transient failure retries the same batch with backoff for as long as it takes (the backlog grows and shows);
/// a permanent one stops this sink. Other sinks and the collectors are never held back.
/// </summary>
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
    public async Task<SinkException?> RunAsync(CancellationToken cancellationToken)
    {
        var position = await _journal.GetPositionAsync(_options.Name, cancellationToken);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var entries = await _journal.ReadAsync(position, _options.BatchSize, cancellationToken);
            if (entries.Count == 0)
            {
                await _signal.WaitAsync(_options.IdleWait, _time, cancellationToken);
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

            // Only now, with the batch handed off, does the position move past it.
            position = entries[^1].Sequence;
            await _journal.SetPositionAsync(_options.Name, position, cancellationToken);
            _observer.BatchDelivered(_options.Name, selected.Count, entries.Count - selected.Count, position, _time.GetUtcNow());
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
            catch (SinkException failure) when (!cancellationToken.IsCancellationRequested)
            {
                if (!failure.IsTransient)
                {
                    _observer.DeliveryFailed(_options.Name, failure, _time.GetUtcNow(), retryAt: null);
                    return failure;
                }

                var wait = _backoff.DelayFor(failures++);
                _observer.DeliveryFailed(_options.Name, failure, _time.GetUtcNow(), _time.GetUtcNow() + wait);
                await Task.Delay(wait, _time, cancellationToken);
            }
        }
    }
}
