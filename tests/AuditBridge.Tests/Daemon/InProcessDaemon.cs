namespace AuditBridge.Tests.Daemon;

/// <summary>
/// Test classes that run the daemon inside the test process run one at a time: the daemon's counters live on the one
/// process-wide AuditBridge meter (one daemon per process in production), so two daemons at once would add up each
/// other's events in <c>/metrics</c>.
/// </summary>
[CollectionDefinition(Name)]
public sealed class InProcessDaemon
{
    public const string Name = "In-process daemon";
}
