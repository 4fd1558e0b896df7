namespace AuditBridge.Cli.Pull;

/// <summary>What every <c>pull &lt;vendor&gt;</c> shares: state, retries, severity, outputs, verbosity.</summary>
internal sealed record CommonPullRequest
{
    public string? StateFile { get; init; }

    public bool ResetState { get; init; }

    public TimeSpan MaxWait { get; init; } = TimeSpan.FromMinutes(5);

    public int Retries { get; init; } = 5;

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>--allow-insecure-http: vendor URLs may be http:// on another host.</summary>
    public bool AllowInsecureHttp { get; init; }

    public string? SeverityMap { get; init; }

    public int DefaultSeverity { get; init; } = 5;

    /// <summary>True when --default-severity was given (it then wins over a default in --severity-map).</summary>
    public bool DefaultSeverityGiven { get; init; }

    public required OutputRequest Output { get; init; }

    /// <summary>Where events that cannot be mapped are kept, as JSON lines (<c>--quarantine</c>).</summary>
    public string? QuarantineFile { get; init; }

    public bool Quiet { get; init; }

    public bool Verbose { get; init; }
}
