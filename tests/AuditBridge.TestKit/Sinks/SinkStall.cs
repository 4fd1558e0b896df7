using AuditBridge.Events;
using AuditBridge.Sinks;

namespace AuditBridge.TestKit.Sinks;

/// <summary>A sink whose write of <paramref name="Batch"/> waits on its destination.</summary>
/// <param name="Sink">The sink; the suite disposes it.</param>
/// <param name="Batch">A batch its destination cannot take now (larger than the socket buffers of a receiver that stopped reading).</param>
/// <param name="WriteIsWaiting">Completes once the write is seen waiting (bytes unread at the receiver, a request held).</param>
public sealed record SinkStall(ISink Sink, IReadOnlyList<AuditEvent> Batch, Func<Task> WriteIsWaiting);
