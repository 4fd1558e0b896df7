using AuditBridge.Journal;

namespace AuditBridge.Pipeline;

/// <summary>
/// Reads the journal in sequence order after a named position and hands each batch to an <see cref="IJournalReader"/>:
/// waits on the <see cref="JournalSignal"/> when caught up, takes replay requests between batches (never inside
/// one), retries transient journal failures with backoff for as long as it takes, and stores the position only after
/// the reader is done with the batch. A crash between the two hands that one batch to the reader again: at least once.
/// </summary>
/// <remarks>
/// Sequence numbers are visible in commit order (docs/adr/0006-sequence-numbers-in-commit-order.md), so moving past a
/// batch never skips an event that commits later with a lower number.
/// </remarks>
public sealed class JournalReaderLoop
{
    private readonly JournalReaderOptions _options;
    private readonly IJournal _journal;
    private readonly JournalSignal _signal;
    private readonly TimeProvider _time;
    private readonly ExponentialBackoff _backoff;

    /// <summary>Creates the loop.</summary>
    public JournalReaderLoop(JournalReaderOptions options, IJournal journal, JournalSignal signal, TimeProvider time, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _journal = journal;
        _signal = signal;
        _time = time;
        _backoff = new ExponentialBackoff(options.InitialBackoff, options.MaxBackoff < options.InitialBackoff ? options.InitialBackoff : options.MaxBackoff, random);
    }

    /// <summary>Reads until cancelled, or until the reader declines a batch (then returns).</summary>
    /// <exception cref="JournalException">The journal failed permanently.</exception>
    public async Task RunAsync(IJournalReader reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
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
                    reader.PositionRequested(requested, _time.GetUtcNow());
                }

                var ticket = _signal.Ticket;
                var entries = await _journal.ReadAsync(position.Value, _options.BatchSize, cancellationToken);
                journalFailures = 0;
                if (entries.Count == 0)
                {
                    await JournalSignal.WaitAsync(ticket, _options.IdleWait, _time, cancellationToken);
                    continue;
                }

                if (!await reader.HandleAsync(entries, cancellationToken))
                {
                    return;
                }

                // Only now, with the batch done, does the position move past it. If storing it fails, the next stored
                // position covers this batch too; a crash before then hands this batch over again.
                position = entries[^1].Sequence;
                await _journal.SetPositionAsync(_options.Name, position.Value, cancellationToken);
                reader.Advanced(position.Value, _time.GetUtcNow());
            }
            catch (JournalException failure) when (failure.IsTransient && !cancellationToken.IsCancellationRequested)
            {
                var wait = _backoff.DelayFor(journalFailures++);
                reader.JournalFailed(failure, _time.GetUtcNow(), _time.GetUtcNow() + wait);
                await Task.Delay(wait, _time, cancellationToken);
            }
        }
    }
}
