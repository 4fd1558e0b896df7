using AuditBridge.Journal;
using AuditBridge.Sinks;

namespace AuditBridge.Status;

/// <summary>
/// The status model: how every configured source and sink is doing, read from the journal (the daemon may be
/// running). <c>auditbridge status</c>, the demo, and later the console and the alert engine's source alarms read it
/// here, so they all say the same thing.
/// </summary>
public static class StatusReader
{
    /// <summary>Reads the status of the configured components at <paramref name="now"/>.</summary>
    /// <param name="journal">The journal (a shared, read-only open is enough).</param>
    /// <param name="journalName">How the report names the journal (its path).</param>
    /// <param name="configuredSources">The sources in configuration order.</param>
    /// <param name="configuredSinks">The sinks in configuration order.</param>
    /// <param name="now">The time lags and ages are measured against.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public static async Task<StatusReport> ReadAsync(
        IJournal journal,
        string journalName,
        IReadOnlyList<ConfiguredComponent> configuredSources,
        IReadOnlyList<ConfiguredComponent> configuredSinks,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(configuredSources);
        ArgumentNullException.ThrowIfNull(configuredSinks);
        var head = await journal.GetHeadAsync(cancellationToken);
        var sourceRows = (await journal.GetSourceStatusAsync(cancellationToken)).ToDictionary(s => s.Source, StringComparer.Ordinal);
        var sinkRows = (await journal.GetSinkStatusAsync(cancellationToken)).ToDictionary(s => s.Sink, StringComparer.Ordinal);

        var neverDelivered = configuredSinks.Any(s => !sinkRows.ContainsKey(s.Name))
            ? await SinkBacklog.OfNewSinkAsync(journal, head, cancellationToken)
            : 0;
        var sources = configuredSources.Select(s =>
        {
            var row = sourceRows.GetValueOrDefault(s.Name);
            return new SourceReport(
                s.Name,
                s.Type,
                s.Enabled,
                row?.LastPoll,
                row?.LastSuccess,
                row?.NewestEventTime,
                row?.NewestEventTime is { } newest ? Math.Round((now - newest).TotalSeconds) : null,
                row?.EventsToday ?? 0,
                row?.Quarantined ?? 0,
                row?.LastStored,
                row?.Position,
                row?.LastError,
                row?.LastErrorTime,
                row?.LastError is not null && (row.LastSuccess is null || row.LastErrorTime >= row.LastSuccess));
        }).ToList();
        var sinks = configuredSinks.Select(s =>
        {
            var row = sinkRows.GetValueOrDefault(s.Name);
            return new SinkReport(
                s.Name,
                s.Type,
                s.Guarantee == DeliveryGuarantee.BestEffort ? "best_effort" : "at_least_once",
                s.Enabled,
                row?.Position ?? 0,
                row?.Pending ?? neverDelivered,
                row?.RequestedPosition,
                row?.Sent ?? 0,
                row?.LastDelivery,
                row?.LastError,
                row?.LastErrorTime,
                row?.LastError is not null && (row.LastDelivery is null || row.LastErrorTime >= row.LastDelivery));
        }).ToList();
        return new StatusReport(journalName, head, now, sources, sinks);
    }
}
