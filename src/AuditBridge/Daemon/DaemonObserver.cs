using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Threading.Channels;
using AuditBridge.Diagnostics;
using AuditBridge.Journal;
using AuditBridge.Pipeline;
using AuditBridge.Secrets;
using Microsoft.Extensions.Logging;

namespace AuditBridge.Daemon;

/// <summary>
/// Turns what the loops report into the operator's view: one log line per significant happening, the Prometheus
/// counters, the status rows <c>auditbridge status</c> reads from the journal, and which components stopped
/// (<c>/healthz</c>). Status rows are written by one background writer so a slow journal never holds up a loop.
/// </summary>
internal sealed class DaemonObserver : IPipelineObserver, IAsyncDisposable
{
    private readonly ILogger _logger;
    private readonly SecretRedactor _redactor;
    private readonly IJournalStatusStore? _store;
    private readonly IReadOnlyDictionary<string, string> _types;
    private readonly Channel<Func<CancellationToken, Task>> _writes = Channel.CreateBounded<Func<CancellationToken, Task>>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private readonly ConcurrentDictionary<string, string> _stopped = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, long Sent)> _unrecordedDeliveries = new(StringComparer.Ordinal);
    private readonly Task _writer;

    /// <param name="logger">The daemon's logger (lines are redacted by the provider too).</param>
    /// <param name="redactor">Scrubs error texts before they are stored for <c>status</c>.</param>
    /// <param name="store">Where status rows go; null when the journal keeps none.</param>
    /// <param name="types">Component name → type (dropbox, syslog …), for metric tags.</param>
    public DaemonObserver(ILogger logger, SecretRedactor redactor, IJournalStatusStore? store, IReadOnlyDictionary<string, string> types)
    {
        _logger = logger;
        _redactor = redactor;
        _store = store;
        _types = types;
        _writer = Task.Run(WriteStatusAsync);
    }

    /// <summary>Components stopped by a permanent failure, with the reason (<c>/healthz</c> shows the names only).</summary>
    public IReadOnlyDictionary<string, string> Stopped => _stopped;

    public void PollStarted(string source, DateTimeOffset at)
    {
    }

    public void PageStored(string source, int inserted, int duplicates, DateTimeOffset? newestEventTime, DateTimeOffset at)
    {
        Count(BridgeMetrics.SourceEventsReceived, inserted, source);
        Count(BridgeMetrics.SourceEventsDuplicate, duplicates, source);
        if (inserted > 0)
        {
            Log.PageStored(_logger, source, inserted, duplicates, newestEventTime?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-");
        }
    }

    public void EventsQuarantined(string source, IReadOnlyList<Sources.QuarantinedEvent> events, int newlyKept, DateTimeOffset at)
    {
        Count(BridgeMetrics.SourceEventsQuarantined, newlyKept, source);
        if (newlyKept == 0)
        {
            // Read again in an overlap: reported when it was first kept.
            return;
        }

        foreach (var quarantined in events)
        {
            Log.EventQuarantined(_logger, source, quarantined.Vendor, quarantined.Position, quarantined.Error);
        }
    }

    public void PollSucceeded(string source, DateTimeOffset at) =>
        Enqueue(ct => _store!.RecordSourcePollAsync(source, at, null, ct));

    public void PollFailed(string source, Exception failure, DateTimeOffset at, DateTimeOffset? retryAt)
    {
        var message = Scrub(failure.Message);
        Count(BridgeMetrics.ComponentErrors, 1, source, ("stage", "collect"), ("error_type", ErrorType(failure)));
        if (retryAt is { } retry)
        {
            Log.PollRetrying(_logger, source, retry, message);
        }
        else
        {
            _stopped[source] = message;
            Log.PollStopped(_logger, source, message);
        }

        Enqueue(ct => _store!.RecordSourcePollAsync(source, at, message, ct));
    }

    public void BatchDelivered(string sink, int events, int skipped, long position, DateTimeOffset at)
    {
        Count(BridgeMetrics.SinkEventsSent, events, sink);
        Log.Delivered(_logger, sink, events, skipped, position);

        // A busy sink delivers many batches a second, and every status row is a journal commit taken from the one
        // writer the collectors need. Successes queued behind a slow write merge into one row: the latest time, and
        // the records of all of them. Every delivery still queues a flush, so a flush dropped from a full queue loses
        // nothing (the next one takes its count along).
        _unrecordedDeliveries.AddOrUpdate(sink, (at, events), (_, pending) => (at, pending.Sent + events));
        Enqueue(ct => _unrecordedDeliveries.TryRemove(sink, out var pending)
            ? _store!.RecordSinkDeliveryAsync(sink, pending.At, pending.Sent, null, ct)
            : Task.CompletedTask);
    }

    public void DeliveryFailed(string sink, Exception failure, DateTimeOffset at, DateTimeOffset? retryAt)
    {
        var message = Scrub(failure.Message);
        Count(BridgeMetrics.ComponentErrors, 1, sink, ("stage", "deliver"), ("error_type", ErrorType(failure)));
        if (retryAt is { } retry)
        {
            Log.DeliveryRetrying(_logger, sink, retry, message);
        }
        else
        {
            _stopped[sink] = message;
            Log.DeliveryStopped(_logger, sink, message);
        }

        Enqueue(ct => _store!.RecordSinkDeliveryAsync(sink, at, 0, message, ct));
    }

    public void PositionRequested(string sink, long position, DateTimeOffset at) => Log.PositionRequested(_logger, sink, position);

    /// <summary>Writes what is queued (bounded by the caller's token) and stops the writer.</summary>
    public async ValueTask DisposeAsync()
    {
        _writes.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    // What is stored for status and /healthz: redacted, one line, controls escaped (the message may quote a vendor).
    private string Scrub(string message) => ExternalText.Escape(_redactor.Redact(message));

    private static string ErrorType(Exception failure) => failure switch
    {
        Sources.SourceException s => s.Kind.ToString().ToLowerInvariant(),
        JournalException j => "journal_" + j.Kind.ToString().ToLowerInvariant(),
        _ => failure.GetType().Name.Replace("Exception", string.Empty, StringComparison.Ordinal).ToLowerInvariant(),
    };

    private void Count(Counter<long> counter, long value, string component, params (string Key, string Value)[] extra)
    {
        if (value <= 0)
        {
            return;
        }

        var tags = new TagList { { "component", component }, { "type", _types.GetValueOrDefault(component, "unknown") } };
        foreach (var (key, tagValue) in extra)
        {
            tags.Add(key, tagValue);
        }

        counter.Add(value, tags);
    }

    private void Enqueue(Func<CancellationToken, Task> write)
    {
        if (_store is not null)
        {
            _writes.Writer.TryWrite(write);
        }
    }

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
                Log.StatusNotStored(_logger, Scrub(failure.Message));
            }
        }
    }
}
