using AuditBridge.Sinks;

namespace AuditBridge.TestKit.Sinks;

/// <summary>A sink aimed at a destination that fails every write, and whether that failure must be transient.</summary>
/// <param name="Sink">The sink; the suite disposes it.</param>
/// <param name="IsTransient">The <see cref="SinkException.IsTransient"/> the failure must have.</param>
public sealed record SinkFailure(ISink Sink, bool IsTransient);
