using AuditBridge.Pipeline;
using AuditBridge.Secrets;

namespace AuditBridge.Daemon;

/// <summary>What the daemon takes from its process: clock, log output, redactor, and hooks for tests and the demo.</summary>
internal sealed record BridgeRuntime
{
    /// <summary>The clock for schedules, backoff and status times.</summary>
    public required TimeProvider Time { get; init; }

    /// <summary>Where log lines go (stderr in the CLI).</summary>
    public required TextWriter Log { get; init; }

    /// <summary>Every secret of the configuration is added here; log lines and stored errors pass through it.</summary>
    public SecretRedactor Redactor { get; init; } = new();

    /// <summary>Also told everything the loops report (tests wait on it instead of sleeping; the demo counts with it).</summary>
    public IPipelineObserver? Observer { get; init; }

    /// <summary>Called with <c>host:port</c> once <c>/healthz</c> and <c>/metrics</c> listen.</summary>
    public Action<string>? Listening { get; init; }

    /// <summary>How long a stop waits for work in flight before abandoning it (real time).</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often expired events are deleted when the journal has a retention.</summary>
    public TimeSpan RetentionInterval { get; init; } = TimeSpan.FromHours(1);
}
