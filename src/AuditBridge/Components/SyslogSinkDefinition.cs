using AuditBridge.Formats;
using AuditBridge.Framing;
using AuditBridge.Sinks;
using AuditBridge.Sinks.Syslog;

namespace AuditBridge.Components;

/// <summary>The <c>syslog</c> sink: UDP, TCP or TLS to a SIEM (src/AuditBridge.Connectors/Sinks/Syslog).</summary>
internal sealed class SyslogSinkDefinition : SinkDefinition
{
    private const string Prefix = "syslog";

    public static readonly OptionSpec Endpoint = new("endpoint", OptionKind.Text, "The receiver: udp://HOST:PORT, tcp://HOST:PORT or tls://HOST:PORT.")
    {
        Flag = "--syslog", Required = true, HelpName = "URL", Property = nameof(SyslogSinkOptions.Endpoint),
    };

    public static readonly OptionSpec Header = new("header", OptionKind.Choice, "Syslog header: rfc5424, rfc3164 (Microsoft Sentinel's shape), none.")
    {
        Flag = "--syslog-header", Choices = ["rfc5424", "rfc3164", "none"], Default = "rfc5424", Property = nameof(SyslogSinkOptions.HeaderFormat), IgnoredWithoutItsSink = true,
    };

    public static readonly OptionSpec Framing = new("framing", OptionKind.Choice, "TCP/TLS framing: octet (RFC 6587 octet counting) or newline.")
    {
        Flag = "--framing", Choices = ["octet", "newline"], Default = "octet", Property = nameof(SyslogSinkOptions.Framing), IgnoredWithoutItsSink = true,
    };

    public static readonly OptionSpec Facility = new("facility", OptionKind.Text, "Syslog facility, a name (local0..local7, user, auth …) or 0..23.")
    {
        Flag = "--facility", Default = "local4", Property = nameof(SyslogSinkOptions.Facility), IgnoredWithoutItsSink = true,
    };

    public static readonly OptionSpec HostName = new("hostname", OptionKind.Text, "HOSTNAME in the syslog header (default: this machine's name).")
    {
        Flag = "--syslog-hostname", Property = nameof(SyslogSinkOptions.HostName), IgnoredWithoutItsSink = true,
    };

    public static readonly OptionSpec AppName = new("app_name", OptionKind.Text, "APP-NAME in the syslog header.", Prefix)
    {
        Default = "auditbridge", Property = nameof(SyslogSinkOptions.AppName),
    };

    public static readonly OptionSpec MaxDatagram = new("max_datagram", OptionKind.Int, "Largest UDP datagram in bytes; longer records are shortened with a marker and counted.")
    {
        Minimum = SyslogSinkOptions.MinimumMessageBytes, Maximum = SyslogSinkOptions.MaximumDatagramBytes, Default = "1400", HelpName = "BYTES",
        Property = nameof(SyslogSinkOptions.MaxDatagramBytes), IgnoredWithoutItsSink = true,
    };

    public static readonly OptionSpec MaxRate = new("max_rate", OptionKind.Int, $"UDP only: datagrams per second at most (0 = no limit). UDP has no flow control: faster than the receiver reads, the rest is dropped without a word.")
    {
        Minimum = 0, Maximum = SyslogSinkOptions.MaximumMaxRate, Default = SyslogSinkOptions.DefaultMaxRate.ToString(System.Globalization.CultureInfo.InvariantCulture), HelpName = "N",
        Property = nameof(SyslogSinkOptions.MaxRate),
    };

    public static readonly OptionSpec CaFile = new("ca_file", OptionKind.Path, "PEM file of the CA that signs the tls:// receiver's certificate (default: the system's trusted roots).")
    {
        Flag = "--ca-file", HelpName = "FILE", Property = nameof(SyslogSinkOptions.CaFile), IgnoredWithoutItsSink = true,
    };

    public static readonly OptionSpec ClientCertificate = new("client_certificate", OptionKind.Path, "tls:// only: PEM file with a client certificate (and its key, unless client_key is set).", Prefix)
    {
        HelpName = "FILE", Property = nameof(SyslogSinkOptions.ClientCertificateFile),
    };

    public static readonly OptionSpec ClientKey = new("client_key", OptionKind.Path, "tls:// only: PEM file with the client certificate's unencrypted private key.", Prefix)
    {
        HelpName = "FILE", Property = nameof(SyslogSinkOptions.ClientKeyFile),
    };

    public static readonly OptionSpec InsecureSkipVerify = new("insecure_skip_verify", OptionKind.Bool, "tls:// only: accept any receiver certificate. Insecure: a warning is printed at every start.", Prefix)
    {
        Default = "false", Property = nameof(SyslogSinkOptions.InsecureSkipVerify),
    };

    public override string Type => "syslog";

    public override string Summary => "CEF, LEEF or JSON lines to a syslog receiver over UDP (best effort), TCP or TLS.";

    public override string DefaultFormat => "cef";

    public override OptionSpec Target => Endpoint;

    public override IReadOnlyList<OptionSpec> Options { get; } =
        [Endpoint, Header, Framing, Facility, HostName, AppName, MaxDatagram, MaxRate, CaFile, ClientCertificate, ClientKey, InsecureSkipVerify];

    public override SinkBinding Bind(OptionReader reader, IEventFormatter? formatter)
    {
        if (formatter is not null && SyslogSinkFactory.RefusedFormat(formatter) is { } refused)
        {
            reader.Source.ComponentError(FormatSelection.Format, $"{refused} ({reader.Source.SinkReference(ComponentRegistry.Sink("file"))})");
        }

        var options = new SyslogSinkOptions
        {
            Endpoint = reader.Text(Endpoint) ?? string.Empty,
            HeaderFormat = reader.Choice(Header) switch
            {
                "rfc3164" => SyslogHeaderFormat.Rfc3164,
                "none" => SyslogHeaderFormat.None,
                _ => SyslogHeaderFormat.Rfc5424,
            },
            Framing = reader.Choice(Framing) == "newline" ? FramingMethod.Newline : FramingMethod.OctetCounting,
            HostName = reader.Text(HostName),
            AppName = reader.Text(AppName) ?? "auditbridge",
            MaxDatagramBytes = reader.Int(MaxDatagram) ?? 1400,
            MaxRate = reader.Int(MaxRate) ?? SyslogSinkOptions.DefaultMaxRate,
            CaFile = reader.Path(CaFile),
            ClientCertificateFile = reader.Path(ClientCertificate),
            ClientKeyFile = reader.Path(ClientKey),
            InsecureSkipVerify = reader.Bool(InsecureSkipVerify) ?? false,
        };
        if (reader.Text(Facility) is { } facility)
        {
            if (SyslogPriority.TryParseFacility(facility, out var parsed))
            {
                options.Facility = parsed;
            }
            else
            {
                reader.Source.Error(Facility, null, $"'{facility}' is not a syslog facility (kern, user, … local0..local7, or 0..23)");
            }
        }

        if (options.Endpoint.Length > 0)
        {
            Report(reader, options.Problems(Namer(reader)));
        }

        var isUdp = options.Endpoint.StartsWith("udp://", StringComparison.OrdinalIgnoreCase);
        if (reader.Has(MaxRate) && !isUdp)
        {
            reader.Source.ComponentError(MaxRate, "applies to udp:// endpoints only (TCP and TLS receivers slow the sender down themselves)");
        }

        if (options.InsecureSkipVerify)
        {
            WarnInsecureSkipVerify(reader, InsecureSkipVerify);
        }

        var description = $"syslog {options.Endpoint} ({formatter?.Name ?? "?"}, {options.HeaderFormat})"
            + (isUdp ? (options.MaxRate == 0 ? ", best effort, unpaced" : $", best effort, at most {options.MaxRate:N0} datagrams/s") : string.Empty)
            + (options.InsecureSkipVerify ? " — TLS certificate NOT verified" : string.Empty);

        // The sink's clock only bounds socket I/O (connect and write timeouts) and paces UDP datagrams to what a
        // receiver reads, which happen in real time whatever clock schedules the rest (tests run on a fake clock).
        return new SinkBinding(
            Type,
            _ => SyslogSinkFactory.Create(options, formatter!, TimeProvider.System),
            description,
            isUdp ? DeliveryGuarantee.BestEffort : DeliveryGuarantee.AtLeastOnce);
    }
}
