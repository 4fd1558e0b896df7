using System.Collections.Concurrent;
using System.Threading.Channels;
using AuditBridge.Journal;
using AuditBridge.Pipeline;
using AuditBridge.Secrets;
using Microsoft.Extensions.Logging;

namespace AuditBridge.Daemon;

/// <summary>
/// The status rows <c>auditbridge status</c> reads from the journal, and which components stopped for good
/// (<c>/healthz</c>). Rows are written by one background writer so a slow journal never holds up a loop.
/// </summary>
internal sealed class StatusObserver : IPipelineObserver, IAsyncDisposable
{
    private readonly IJournalStatusStore _store;
    private readonly SecretRedactor _redactor;
    private readonly ILogger _logger;
    private readonly Channel<Func<CancellationToken, Task>> _writes = Channel.CreateBounded<Func<CancellationToken, Task>>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private readonly ConcurrentDictionary<string, string> _stopped = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, long Sent)> _unrecordedDeliveries = new(StringComparer.Ordinal);
    private readonly Task _writer;

    /// <param name="store">Where status rows go.</param>
    /// <param name="redactor">Scrubs error texts before they are stored.</param>
    /// <param name="logger">Told when a row cannot be stored.</param>
    public StatusObserver(IJournalStatusStore store, SecretRedactor redactor, ILogger logger)
    {
        _store = store;
        _redactor = redactor;
        _logger = logger;
        _writer = Task.Run(WriteStatusAsync);
    }

    /// <summary>Components stopped by a permanent failure, with the reason (<c>/healthz</c> shows the names only).</summary>
    public IReadOnlyDictionary<string, string> Stopped => _stopped;

    public void PollSucceeded(string source, DateTimeOffset at) =>
        Enqueue(ct => _store.RecordSourcePollAsync(source, at, null, ct));

    public void PollFailed(string source, Exception failure, DateTimeOffset at, DateTimeOffset? retryAt)
    {
        var message = FailureText.Scrub(_redactor, failure);
        if (retryAt is null)
        {
            _stopped[source] = message;
        }

        Enqueue(ct => _store.RecordSourcePollAsync(source, at, message, ct));
    }

    public void BatchDelivered(string sink, int events, int skipped, long position, DateTimeOffset at)
    {
        // A busy sink delivers many batches a second, and every status row is a journal commit taken from the one
        // writer the collectors need. Successes queued behind a slow write merge into one row: the latest time, and
        // the records of all of them. Every delivery still queues a flush, so a flush dropped from a full queue loses
        // nothing (the next one takes its count along).
        _unrecordedDeliveries.AddOrUpdate(sink, (at, events), (_, pending) => (at, pending.Sent + events));
        Enqueue(ct => _unrecordedDeliveries.TryRemove(sink, out var pending)
            ? _store.RecordSinkDeliveryAsync(sink, pending.At, pending.Sent, null, ct)
            : Task.CompletedTask);
    }

    public void DeliveryFailed(string sink, Exception failure, DateTimeOffset at, DateTimeOffset? retryAt)
    {
        var message = FailureText.Scrub(_redactor, failure);
        if (retryAt is null)
        {
            _stopped[sink] = message;
        }

        Enqueue(ct => _store.RecordSinkDeliveryAsync(sink, at, 0, message, ct));
    }

    /// <summary>Writes what is queued and stops the writer.</summary>
    public async ValueTask DisposeAsync()
    {
        _writes.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private void Enqueue(Func<CancellationToken, Task> write) => _writes.Writer.TryWrite(write);

    private async Task WriteStatusAsync()
    {
        await foreach (var write in _writes.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await write(CancellationToken.None).ConfigureAwait(false);
            }
            catch (JournalException failure)
            {
                // Status is for people; a journal that cannot take it right now fails the real work visibly elsewhere.
                Log.StatusNotStored(_logger, FailureText.Scrub(_redactor, failure));
            }
        }
    }
}
