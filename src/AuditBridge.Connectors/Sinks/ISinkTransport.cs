namespace AuditBridge.Sinks;

/// <summary>
/// What differs between sink types: how an encoded batch reaches its destination (a stream, a file, datagrams, HTTP
/// requests), how the destination is checked, and how the connection or file is closed. A <see cref="TransportSink"/>
/// does the rest, the same way for every type: argument checks, one batch at a time, encoding, statistics, the
/// classification backstop and dispose.
/// </summary>
/// <remarks>
/// <para>
/// Calls never overlap: <see cref="SendAsync"/>, <see cref="ProbeAsync"/> and <see cref="IAsyncDisposable.DisposeAsync"/>
/// come one at a time from the sink's gate, and nothing comes after dispose, so a transport keeps its connection or
/// file in plain fields.
/// </para>
/// <para>
/// Failures are classified where they happen (a transport knows whether a refused connection or a 503 can heal): a
/// transport throws <see cref="SinkException"/> with <see cref="SinkException.IsTransient"/> for every failure it
/// knows, and <see cref="OperationCanceledException"/> only for the caller's token. A transport must leave itself
/// usable for the next batch after a failure (reconnect lazily, cut a torn record): the delivery loop sends the whole
/// batch again.
/// </para>
/// </remarks>
internal interface ISinkTransport : IAsyncDisposable
{
    /// <summary>What a completed <see cref="SendAsync"/> means: the destination has the batch, or it was only sent.</summary>
    DeliveryGuarantee Guarantee { get; }

    /// <summary>Where the records go, as the sink's messages name it (an endpoint, a path).</summary>
    string Destination { get; }

    /// <summary>
    /// Hands the whole batch off and completes only when all of it is delivered (flushed to the socket, written and
    /// synced, answered 2xx). A transport that delivers in parts (datagrams, requests) reports each part through
    /// <see cref="OutgoingBatch.Delivered"/>, so the parts that made it are counted even when a later one fails.
    /// </summary>
    /// <exception cref="SinkException">The batch, or part of it, was not delivered; classified.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    ValueTask SendAsync(OutgoingBatch batch, CancellationToken cancellationToken);

    /// <summary>
    /// Checks the destination without delivering a record (<c>auditbridge check --probe</c>) and says in a few words
    /// what was checked. May use the transport's settings and state: it never runs beside a batch.
    /// </summary>
    /// <exception cref="SinkException">Classified as a batch's failure would be.</exception>
    ValueTask<string> ProbeAsync(CancellationToken cancellationToken);
}
