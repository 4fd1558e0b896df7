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
    private readonly TimeProvider _time;
    private readonly IPipelineObserver _observer;
    private readonly ExponentialBackoff _backoff;
    private readonly JournalReaderLoop _reader;

    /// <summary>Creates the loop.</summary>
    public DeliveryLoop(DeliveryLoopOptions options, ISink sink, IJournal journal, JournalSignal signal, TimeProvider time, IPipelineObserver observer, Random? random = null)
    {
        _options = options;
        _sink = sink;
        _time = time;
        _observer = observer;
        _backoff = new ExponentialBackoff(options.InitialBackoff, options.MaxBackoff < options.InitialBackoff ? options.InitialBackoff : options.MaxBackoff, random);
        var reading = new JournalReaderOptions
        {
            Name = options.Name,
            BatchSize = options.BatchSize,
            IdleWait = options.IdleWait,
            InitialBackoff = options.InitialBackoff,
            MaxBackoff = options.MaxBackoff,
        };
        _reader = new JournalReaderLoop(reading, journal, signal, time, random);
    }

    /// <summary>Delivers until cancelled, or until a permanent failure stops the sink (then returns that failure).</summary>
    /// <exception cref="JournalException">The journal failed permanently.</exception>
    public async Task<SinkException?> RunAsync(CancellationToken cancellationToken)
    {
        var delivery = new Delivery(this);
        await _reader.RunAsync(delivery, cancellationToken);
        return delivery.Failure;
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

    // The sink's side of the reading loop: filter, write until done, report. One per run.
    private sealed class Delivery(DeliveryLoop loop) : IJournalReader
    {
        private int _selected;
        private int _skipped;

        public SinkException? Failure { get; private set; }

        public async Task<bool> HandleAsync(IReadOnlyList<JournalEntry> batch, CancellationToken cancellationToken)
        {
            var selected = new List<AuditEvent>(batch.Count);
            foreach (var entry in batch)
            {
                if (loop.Wanted(entry.Event))
                {
                    selected.Add(entry.Event);
                }
            }

            Failure = await loop.WriteUntilDoneAsync(selected, cancellationToken);
            (_selected, _skipped) = (selected.Count, batch.Count - selected.Count);
            return Failure is null;
        }

        public void Advanced(long position, DateTimeOffset at) => loop._observer.BatchDelivered(loop._options.Name, _selected, _skipped, position, at);

        public void PositionRequested(long position, DateTimeOffset at) => loop._observer.PositionRequested(loop._options.Name, position, at);

        public void JournalFailed(JournalException failure, DateTimeOffset at, DateTimeOffset retryAt) => loop._observer.DeliveryFailed(loop._options.Name, failure, at, retryAt);
    }
}
