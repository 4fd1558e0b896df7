using AuditBridge.Events;
using AuditBridge.Formats;
using AuditBridge.TestKit;

namespace AuditBridge.Connectors.Tests.Sinks.Syslog;

/// <summary>What a stream sink cannot hand off while its receiver does not read.</summary>
internal static class StreamStall
{
    /// <summary>
    /// A formatter that keeps a long value whole: the real CEF formatter cuts an actor to its documented field length,
    /// which would shrink <see cref="Batch"/> to about 1 MB, and loopback socket buffers take that without a reader.
    /// </summary>
    public static IEventFormatter Formatter { get; } = new TestCefFormatter();

    /// <summary>About 24 MB: far more than the socket buffers of both ends hold, each record within the 64 KiB message limit.</summary>
    public static IReadOnlyList<AuditEvent> Batch() =>
        [.. Enumerable.Range(0, 400).Select(_ => Some.Event(actor: new Principal(PrincipalKind.User, Email: new string('y', 60_000))))];
}
