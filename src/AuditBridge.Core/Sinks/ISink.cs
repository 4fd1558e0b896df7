using AuditBridge.Events;

namespace AuditBridge.Sinks;

/// <summary>A destination: formatter, framing and transport in one. Delivery moves on only after a batch is handed off.</summary>
public interface ISink : IAsyncDisposable
{
    /// <summary>Whether a completed write means the receiver has the data (TCP, files) or only that it was sent (UDP).</summary>
    DeliveryGuarantee Guarantee { get; }

    /// <summary>Counters for progress lines, <c>status</c> and metrics.</summary>
    SinkStatistics Statistics { get; }

    /// <summary>
    /// Writes the batch in order and completes only when all of it is handed off: flushed to the socket,
    /// written (and synced, where configured) to the file.
    /// </summary>
    /// <exception cref="SinkException">The batch, or part of it, was not handed off.</exception>
    ValueTask WriteAsync(IReadOnlyList<AuditEvent> batch, CancellationToken cancellationToken);
}
