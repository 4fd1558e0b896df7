namespace AuditBridge.Cli.Pull;

/// <summary>Where and how <c>pull</c> writes records, as given on the command line (validated by the command line (<c>OutputOptionSet</c>)).</summary>
internal sealed record OutputRequest
{
    public string Format { get; init; } = "cef";

    public string CefProfile { get; init; } = "default";

    /// <summary>The LEEF attribute delimiter as given (validated): <c>^</c> unless <c>--leef-delimiter</c> says otherwise.</summary>
    public string LeefDelimiter { get; init; } = "^";

    /// <summary>File to append to; null for none.</summary>
    public string? OutputFile { get; init; }

    /// <summary><c>udp://host:port</c>, <c>tcp://…</c> or <c>tls://…</c>; null for none.</summary>
    public string? SyslogEndpoint { get; init; }

    public string SyslogHeader { get; init; } = "rfc5424";

    public string Framing { get; init; } = "octet";

    public string Facility { get; init; } = "local4";

    public int MaxDatagram { get; init; } = 1400;

    /// <summary>UDP: datagrams per second at most, 0 for no limit.</summary>
    public int MaxRate { get; init; } = AuditBridge.Sinks.Syslog.SyslogSinkOptions.DefaultMaxRate;

    public string? SyslogHostname { get; init; }

    public string? CaFile { get; init; }

    /// <summary>Write <see cref="OutputFile"/> (and the <c>--state</c> file) through a symbolic link at its path.</summary>
    public bool FollowSymlinks { get; init; }

    /// <summary>True when neither a file nor syslog was given: records go to stdout.</summary>
    public bool ToStdout => OutputFile is null && SyslogEndpoint is null;
}
