using AuditBridge.Formats;
using AuditBridge.Framing;

namespace AuditBridge.Sinks.Syslog;

/// <summary>Creates <c>syslog</c> sinks: UDP, TCP or TLS, chosen by the endpoint's scheme.</summary>
public static class SyslogSinkFactory
{
    /// <summary>The component's configuration type name.</summary>
    public const string Type = "syslog";

    /// <summary>
    /// Why records of <paramref name="formatter"/> cannot go to syslog, or null when they can. A format whose file starts
    /// with a header (CSV) is refused: each syslog message stands alone, and a CSV line means nothing without the header
    /// that names its columns. The command line (<c>--format</c>) and the configuration (<c>format:</c>) both ask here.
    /// </summary>
    public static string? RefusedFormat(IEventFormatter formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        return formatter.FileHeader.IsEmpty
            ? null
            : $"{formatter.Name} cannot go to syslog (a {formatter.Name.ToUpperInvariant()} line means nothing without its header); use cef, leef or json, or write {formatter.Name} to a file";
    }

    /// <summary>
    /// Validates <paramref name="options"/>, loads the TLS files, and returns a sink that connects lazily on its
    /// first write.
    /// </summary>
    /// <param name="options">Settings; not read again after this call.</param>
    /// <param name="formatter">Writes one record per event (CEF, LEEF, JSON).</param>
    /// <param name="timeProvider">Clock for the connect and write timeouts (TCP, TLS) and for pacing datagrams (UDP).</param>
    /// <exception cref="SinkException">
    /// Permanent: the settings are invalid (every problem is listed), the format cannot go to syslog
    /// (<see cref="RefusedFormat"/>), or a TLS file cannot be used.
    /// </exception>
    public static ISink Create(SyslogSinkOptions options, IEventFormatter formatter, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(formatter);
        ArgumentNullException.ThrowIfNull(timeProvider);

        if (RefusedFormat(formatter) is { } refused)
        {
            throw new SinkException($"Invalid syslog sink settings: {refused}.", isTransient: false);
        }

        var errors = options.Validate();
        if (errors.Count > 0 || !SyslogEndpoint.TryParse(options.Endpoint, out var endpoint, out _))
        {
            throw new SinkException($"Invalid syslog sink settings: {string.Join(" ", errors)}", isTransient: false);
        }
        var header = SyslogHeaderEnvelope.For(new SyslogHeaderWriter(
            options.HeaderFormat,
            options.Facility,
            string.IsNullOrEmpty(options.HostName) ? Environment.MachineName : options.HostName,
            options.AppName,
            options.ProcId,
            options.MsgId));

        if (endpoint.Transport == SyslogTransport.Udp)
        {
            return new TransportSink(
                new UdpSyslogTransport(endpoint, options.MaxRate == 0 ? null : new DatagramPacer(options.MaxRate, timeProvider)),
                new BatchEncoder(formatter, header, Framers.For(FramingMethod.None), options.MaxDatagramBytes));
        }

        var tls = endpoint.Transport == SyslogTransport.Tls
            ? TlsClientSettings.Load(options.CaFile, options.ClientCertificateFile, options.ClientKeyFile, options.InsecureSkipVerify)
            : null;
        return new TransportSink(
            new StreamSyslogTransport(endpoint, tls, options.ConnectTimeout, options.WriteTimeout, timeProvider),
            new BatchEncoder(formatter, header, Framers.For(options.Framing), options.MaxMessageBytes));
    }
}
