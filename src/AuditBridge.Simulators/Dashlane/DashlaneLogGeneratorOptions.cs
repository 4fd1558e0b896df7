namespace AuditBridge.Simulators.Dashlane;

/// <summary>What <see cref="DashlaneLogGenerator"/> generates: the same values give the same logs, byte for byte.</summary>
public sealed record DashlaneLogGeneratorOptions
{
    /// <summary>Seed of the generated history (default 1).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Number of logs (default 200).</summary>
    public int Count { get; init; } = 200;

    /// <summary>Epoch milliseconds of the first log (default 2024-05-01T00:00:00Z).</summary>
    public long OriginMs { get; init; } = 1_714_521_600_000;

    /// <summary>Average distance between two logs, in milliseconds (default 15 minutes; each log gets a seeded jitter below half of it).</summary>
    public long IntervalMs { get; init; } = 15 * 60 * 1000;

    /// <summary>Every Nth log carries a hostile value (pipes, =, backslashes, CR/LF, TAB, non-ASCII, 5,000 chars, forged CEF); 0 = never (default 10).</summary>
    public int HostileEvery { get; init; } = 10;

    /// <summary>Every Nth log is a poison log: its <c>date_time</c> is a string, so it must be quarantined; 0 = never (default).</summary>
    public int PoisonEvery { get; init; }
}
