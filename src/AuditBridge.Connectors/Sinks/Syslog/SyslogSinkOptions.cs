using AuditBridge.Framing;

namespace AuditBridge.Sinks.Syslog;

/// <summary>Settings of the <c>syslog</c> sink. <see cref="Validate"/> lists every problem at once.</summary>
public sealed class SyslogSinkOptions
{
    /// <summary>Smallest datagram or message every syslog receiver must accept (RFC 5426 §3.2, RFC 5424 §6.1).</summary>
    public const int MinimumMessageBytes = 480;

    /// <summary>Largest UDP payload over IPv4 (65,535 − 8-byte UDP header − 20-byte IP header).</summary>
    public const int MaximumDatagramBytes = 65_507;

    /// <summary>Upper bound of <see cref="MaxMessageBytes"/>.</summary>
    public const int MaximumMessageBytes = 16 * 1024 * 1024;

    /// <summary>
    /// Default of <see cref="MaxRate"/>: 2,000 datagrams per second. Measured on loopback (docs/sinks.md): syslog-ng 3.38
    /// with a default kernel receive buffer (208 KiB) took every datagram at this rate even with the host's two cores
    /// overloaded, where 5,000/s and more lost some once the receiver was starved of CPU for a moment; a 100,000-event
    /// backfill takes 50 s.
    /// </summary>
    public const int DefaultMaxRate = 2000;

    /// <summary>Upper bound of <see cref="MaxRate"/>.</summary>
    public const int MaximumMaxRate = 1_000_000;

    /// <summary>
    /// Where to send: <c>udp://host:port</c>, <c>tcp://host:port</c> or <c>tls://host:port</c>. Required.
    /// The port defaults to 514 (udp, tcp) or 6514 (tls, RFC 5425). A DNS name is resolved at every (re)connect;
    /// IPv6 literals go in brackets (<c>tcp://[2001:db8::1]:514</c>).
    /// </summary>
    public string Endpoint { get; set; } = string.Empty;

    /// <summary>Header in front of each record. Default <see cref="SyslogHeaderFormat.Rfc5424"/>.</summary>
    public SyslogHeaderFormat HeaderFormat { get; set; } = SyslogHeaderFormat.Rfc5424;

    /// <summary>
    /// TCP and TLS only: <see cref="FramingMethod.OctetCounting"/> (default, RFC 6587/5425) or
    /// <see cref="FramingMethod.Newline"/> (for receivers such as syslog-ng <c>network()</c> that expect LF).
    /// Ignored for UDP: a datagram is one message (RFC 5426).
    /// </summary>
    public FramingMethod Framing { get; set; } = FramingMethod.OctetCounting;

    /// <summary>Facility of every message. Default <see cref="SyslogFacility.Local4"/> (20).</summary>
    public SyslogFacility Facility { get; set; } = SyslogFacility.Local4;

    /// <summary>
    /// HOSTNAME field. Default (null or empty): the machine name. Sanitized to printable US-ASCII (others become
    /// <c>_</c>), at most 255 characters.
    /// </summary>
    public string? HostName { get; set; }

    /// <summary>
    /// RFC 5424 APP-NAME, and the RFC 3164 TAG for records that are not CEF or LEEF. Default <c>auditbridge</c>;
    /// at most 48 characters (32 as a TAG).
    /// </summary>
    public string? AppName { get; set; } = "auditbridge";

    /// <summary>RFC 5424 PROCID (at most 128 characters). Default null: <c>-</c>.</summary>
    public string? ProcId { get; set; }

    /// <summary>RFC 5424 MSGID (at most 32 characters). Default null: <c>-</c>.</summary>
    public string? MsgId { get; set; }

    /// <summary>
    /// UDP only: the largest datagram (header + record), 480..65,507. Default 1,400, below a 1,500-byte path MTU so
    /// datagrams are never IP-fragmented. Longer records are shortened by the formatter and counted in
    /// <see cref="SinkStatistics.Shortened"/>.
    /// </summary>
    public int MaxDatagramBytes { get; set; } = 1400;

    /// <summary>
    /// UDP only: datagrams per second at most, 1..1,000,000, or 0 for no limit. Default <see cref="DefaultMaxRate"/>.
    /// UDP has no flow control: faster than the receiver reads, its socket buffer overflows and the kernel drops the
    /// rest silently. Sending is paced in bursts of at most 10 ms (or 100 datagrams).
    /// </summary>
    public int MaxRate { get; set; } = DefaultMaxRate;

    /// <summary>
    /// TCP and TLS only: the largest message (header + record, framing excluded), 480..16,777,216. Default 65,536,
    /// syslog-ng's default <c>log-msg-size</c>: a receiver drops or splits longer messages, so they are shortened
    /// here instead, visibly. Use 8,096 for an rsyslog forwarder with default settings (Microsoft Sentinel AMA).
    /// </summary>
    public int MaxMessageBytes { get; set; } = 65_536;

    /// <summary>TCP and TLS: limit for connecting, including the TLS handshake. Default 10 s; 0 &lt; value ≤ 5 min.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// TCP and TLS: limit for handing one batch to the socket. A receiver that stops reading fills the TCP window,
    /// and without this limit the write would wait for ever. Default 30 s; 0 &lt; value ≤ 10 min.
    /// </summary>
    public TimeSpan WriteTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// TLS only: PEM file with the CA certificate(s) that issued the server certificate. When set, only these are
    /// trusted (not the system roots). Default null: the system trust store.
    /// </summary>
    public string? CaFile { get; set; }

    /// <summary>TLS only: PEM file with a client certificate (and its key, unless <see cref="ClientKeyFile"/> is set).</summary>
    public string? ClientCertificateFile { get; set; }

    /// <summary>TLS only: PEM file with the client certificate's unencrypted private key.</summary>
    public string? ClientKeyFile { get; set; }

    /// <summary>
    /// TLS only: accept any server certificate, including an expired, self-signed or wrong-host one. Default false.
    /// This removes the protection TLS gives against a forged receiver: the caller must report it prominently
    /// at start.
    /// </summary>
    public bool InsecureSkipVerify { get; set; }

    /// <summary>Every problem with these settings, one sentence each; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate() => [.. Problems().Select(p => p.Message)];

    /// <summary>Every problem with these settings, keyed by the property it is about; empty when they are valid.</summary>
    /// <param name="name">How options are named in the messages; null: by their property names.</param>
    public IReadOnlyList<OptionProblem> Problems(OptionNamer? name = null)
    {
        name ??= static property => property;
        var errors = new List<OptionProblem>();
        if (!SyslogEndpoint.TryParse(Endpoint, out var endpoint, out var endpointError, name(nameof(Endpoint))))
        {
            errors.Add(new(nameof(Endpoint), endpointError));
        }

        if (!Enum.IsDefined(HeaderFormat))
        {
            errors.Add(new(nameof(HeaderFormat), $"{name(nameof(HeaderFormat))} '{HeaderFormat}' is not one of Rfc5424, Rfc3164, None."));
        }

        if (!Enum.IsDefined(Facility))
        {
            errors.Add(new(nameof(Facility), $"{name(nameof(Facility))} '{(int)Facility}' is not 0..23."));
        }

        if (endpoint?.Transport != SyslogTransport.Udp && Framing is not (FramingMethod.OctetCounting or FramingMethod.Newline))
        {
            errors.Add(new(nameof(Framing), $"{name(nameof(Framing))} '{Framing}' is not valid for TCP/TLS: use OctetCounting or Newline."));
        }

        if (MaxDatagramBytes is < MinimumMessageBytes or > MaximumDatagramBytes)
        {
            errors.Add(new(nameof(MaxDatagramBytes), $"{name(nameof(MaxDatagramBytes))} {MaxDatagramBytes} is outside {MinimumMessageBytes}..{MaximumDatagramBytes}."));
        }

        if (MaxRate is < 0 or > MaximumMaxRate)
        {
            errors.Add(new(nameof(MaxRate), $"{name(nameof(MaxRate))} {MaxRate} is outside 0..{MaximumMaxRate} datagrams per second (0: no limit)."));
        }

        if (MaxMessageBytes is < MinimumMessageBytes or > MaximumMessageBytes)
        {
            errors.Add(new(nameof(MaxMessageBytes), $"{name(nameof(MaxMessageBytes))} {MaxMessageBytes} is outside {MinimumMessageBytes}..{MaximumMessageBytes}."));
        }

        if (ConnectTimeout <= TimeSpan.Zero || ConnectTimeout > TimeSpan.FromMinutes(5))
        {
            errors.Add(new(nameof(ConnectTimeout), $"{name(nameof(ConnectTimeout))} {ConnectTimeout} is outside (0, 5 min]."));
        }

        if (WriteTimeout <= TimeSpan.Zero || WriteTimeout > TimeSpan.FromMinutes(10))
        {
            errors.Add(new(nameof(WriteTimeout), $"{name(nameof(WriteTimeout))} {WriteTimeout} is outside (0, 10 min]."));
        }

        TlsOptionRules.Validate(
            errors, endpoint, endpoint?.Transport == SyslogTransport.Tls, "tls://", CaFile, ClientCertificateFile, ClientKeyFile, InsecureSkipVerify, name);
        return errors;
    }
}
