using System.CommandLine;
using AuditBridge.Cli.Pull;
using AuditBridge.Formats;
using AuditBridge.Formats.Leef;
using AuditBridge.Shell;
using AuditBridge.Sinks.Syslog;

namespace AuditBridge.Cli.Commands;

/// <summary>
/// The output options every <c>pull</c> and <c>convert</c> command shares. A fresh set per command: System.CommandLine
/// symbols belong to one parent.
/// </summary>
internal sealed class OutputOptionSet
{
    /// <summary>The seed script's <c>--output</c> took no value and wrote this file; a bare <c>--output</c> still does.</summary>
    public const string SeedOutputFile = "dropbox_cefevents.csv";

    public Option<string> Format { get; } = new("--format")
    {
        Description = "Record format: cef, leef (LEEF 2.0 for QRadar), json (JSON lines), csv.",
        DefaultValueFactory = _ => "cef",
    };

    public Option<string> CefProfile { get; } = new("--cef-profile")
    {
        Description = "CEF key layout: default, or dropbox-blog (the Dropbox sample script's layout, with valid JSON and escaping).",
        DefaultValueFactory = _ => "default",
    };

    public Option<string?> LeefDelimiter { get; } = new("--leef-delimiter")
    {
        Description = "LEEF attribute delimiter: ^ (default), TAB as x09, or one of ! # $ % & ' ( ) * ; < > ? @ ` ~ (the character or x../0x.. hex).",
        HelpName = "CHAR",
    };

    public Option<string?> Output { get; } = new("--output", "-o")
    {
        Description = $"Append records to FILE (CSV writes its header only into a new file). Without a value: ./{SeedOutputFile}, as the sample script.",
        Arity = ArgumentArity.ZeroOrOne,
        HelpName = "FILE",
    };

    public Option<bool> FollowSymlinks { get; } = new("--follow-symlinks")
    {
        Description = "Write --output (and --state, --quarantine) to where a symbolic link at that path points. Without it a link there is refused: one planted in a shared directory would redirect the data.",
    };

    public Option<string?> Syslog { get; } = new("--syslog")
    {
        Description = "Send records to a syslog receiver: udp://HOST:PORT, tcp://HOST:PORT or tls://HOST:PORT. May be combined with --output.",
        HelpName = "URL",
    };

    public Option<string?> Host { get; } = new("--host")
    {
        Description = "The sample script's syslog target: UDP to HOST:--port with an RFC 3164 header.",
    };

    public Option<int?> Port { get; } = new("--port")
    {
        Description = "Port for --host.",
    };

    public Option<string> SyslogHeader { get; } = new("--syslog-header")
    {
        Description = "Syslog header: rfc5424, rfc3164 (Microsoft Sentinel's shape), none.",
        DefaultValueFactory = _ => "rfc5424",
    };

    public Option<string> Framing { get; } = new("--framing")
    {
        Description = "TCP/TLS framing: octet (RFC 6587 octet counting) or newline.",
        DefaultValueFactory = _ => "octet",
    };

    public Option<string> Facility { get; } = new("--facility")
    {
        Description = "Syslog facility, a name (local0..local7, user, auth …) or 0..23.",
        DefaultValueFactory = _ => "local4",
    };

    public Option<int> MaxDatagram { get; } = new("--max-datagram")
    {
        Description = "Largest UDP datagram in bytes; longer records are shortened with a marker and counted.",
        DefaultValueFactory = _ => 1400,
    };

    public Option<int?> MaxRate { get; } = new("--max-rate")
    {
        Description = $"UDP only: datagrams per second at most (default {SyslogSinkOptions.DefaultMaxRate:N0}; 0 = no limit). UDP has no flow control: faster than the receiver reads, the rest is dropped without a word.",
        HelpName = "N",
    };

    public Option<string?> SyslogHostname { get; } = new("--syslog-hostname")
    {
        Description = "HOSTNAME in the syslog header (default: this machine's name).",
    };

    public Option<string?> CaFile { get; } = new("--ca-file")
    {
        Description = "PEM file of the CA that signs the tls:// receiver's certificate (default: the system's trusted roots).",
    };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Format, CefProfile, LeefDelimiter, Output, FollowSymlinks, Syslog, Host, Port, SyslogHeader, Framing, Facility, MaxDatagram, MaxRate, SyslogHostname, CaFile })
        {
            command.Add(option);
        }
    }

    public OutputRequest Read(ParseResult result)
    {
        var format = result.GetValue(Format)!.Trim().ToLowerInvariant();
        if (format is not ("cef" or "leef" or "json" or "csv"))
        {
            throw new UsageException($"--format must be cef, leef, json or csv, got '{format}'");
        }

        var leefDelimiter = result.GetValue(LeefDelimiter);
        if (leefDelimiter is not null)
        {
            if (format != "leef")
            {
                throw new UsageException($"--leef-delimiter only applies to --format leef, not {format}");
            }

            try
            {
                // The formatter owns the rule (LeefFormatterOptions.Delimiter); creating one is the check.
                EventFormatters.Leef(new LeefFormatterOptions { Delimiter = leefDelimiter });
            }
            catch (ArgumentException invalid)
            {
                throw new UsageException($"--leef-delimiter must be TAB (x09) or one of ! # $ % & ' ( ) * ; < > ? @ ^ ` ~ (the character, or x../0x.. hex), got '{leefDelimiter}'", invalid);
            }
        }

        var profile = result.GetValue(CefProfile)!.Trim().ToLowerInvariant();
        if (profile is not ("default" or "dropbox-blog"))
        {
            throw new UsageException($"--cef-profile must be default or dropbox-blog, got '{profile}'");
        }

        string? outputFile = null;
        if (result.GetResult(Output) is not null)
        {
            outputFile = result.GetValue(Output) is { Length: > 0 } given ? given : SeedOutputFile;
        }

        var syslog = result.GetValue(Syslog);
        var host = result.GetValue(Host);
        var port = result.GetValue(Port);
        var header = result.GetValue(SyslogHeader)!.Trim().ToLowerInvariant();
        if (host is not null || port is not null)
        {
            if (syslog is not null)
            {
                throw new UsageException("--host/--port and --syslog both name a syslog receiver; give one of them");
            }

            if (host is null || port is null)
            {
                throw new UsageException("--host and --port go together (the sample script's UDP syslog target)");
            }

            // The sample script sent UDP; an RFC 3164 header is what its receivers (and Sentinel) expect.
            syslog = $"udp://{(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host)}:{port}";
            if (result.GetResult(SyslogHeader) is null or { Implicit: true })
            {
                header = "rfc3164";
            }
        }

        if (header is not ("rfc5424" or "rfc3164" or "none"))
        {
            throw new UsageException($"--syslog-header must be rfc5424, rfc3164 or none, got '{header}'");
        }

        var framing = result.GetValue(Framing)!.Trim().ToLowerInvariant();
        if (framing is not ("octet" or "newline"))
        {
            throw new UsageException($"--framing must be octet or newline, got '{framing}'");
        }

        var maxDatagram = result.GetValue(MaxDatagram);
        if (maxDatagram is < 480 or > 65507)
        {
            throw new UsageException($"--max-datagram must be between 480 (the smallest datagram receivers must accept) and 65507 bytes, got {maxDatagram}");
        }

        var maxRate = result.GetValue(MaxRate);
        if (maxRate is { } rate)
        {
            if (syslog is null || !syslog.StartsWith("udp://", StringComparison.OrdinalIgnoreCase))
            {
                throw new UsageException("--max-rate paces UDP datagrams: it needs --syslog udp://HOST:PORT or --host/--port (TCP and TLS receivers slow the sender down themselves)");
            }

            if (rate is < 0 or > SyslogSinkOptions.MaximumMaxRate)
            {
                throw new UsageException($"--max-rate must be between 0 (no limit) and {SyslogSinkOptions.MaximumMaxRate:N0} datagrams per second, got {rate}");
            }
        }

        if (syslog is not null && SyslogSinkFactory.RefusedFormat(EventFormatters.Create(format)) is { } refused)
        {
            throw new UsageException($"--format {refused} (--output FILE)");
        }

        return new OutputRequest
        {
            Format = format,
            CefProfile = profile,
            LeefDelimiter = leefDelimiter ?? "^",
            OutputFile = outputFile,
            FollowSymlinks = result.GetValue(FollowSymlinks),
            SyslogEndpoint = syslog,
            SyslogHeader = header,
            Framing = framing,
            Facility = result.GetValue(Facility)!,
            MaxDatagram = maxDatagram,
            MaxRate = maxRate ?? SyslogSinkOptions.DefaultMaxRate,
            SyslogHostname = result.GetValue(SyslogHostname),
            CaFile = result.GetValue(CaFile),
        };
    }
}
