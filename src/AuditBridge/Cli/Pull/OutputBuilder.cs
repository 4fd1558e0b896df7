using AuditBridge.Cli.Terminal;
using AuditBridge.Formats;
using AuditBridge.Formats.Cef;
using AuditBridge.Formats.Leef;
using AuditBridge.Framing;
using AuditBridge.Shell;
using AuditBridge.Sinks;
using AuditBridge.Sinks.File;
using AuditBridge.Sinks.Stdout;
using AuditBridge.Sinks.Syslog;
using AuditBridge.Sources;
using Microsoft.Extensions.Logging;

namespace AuditBridge.Cli.Pull;

/// <summary>Turns the output options into sinks: a file, a syslog receiver, both, or stdout when neither is given.</summary>
internal static class OutputBuilder
{
    public static IEventFormatter Formatter(OutputRequest request) => request.Format switch
    {
        "cef" => EventFormatters.Cef(new CefFormatterOptions { Profile = request.CefProfile, Products = VendorProducts.All }),
        "leef" => EventFormatters.Leef(new LeefFormatterOptions { Delimiter = request.LeefDelimiter, Products = VendorProducts.All }),
        _ => EventFormatters.Create(request.Format, VendorProducts.All),
    };

    /// <param name="request">The output options.</param>
    /// <param name="context">Working directory, clock and stdout.</param>
    /// <param name="loggers">Where a file output reports a torn record it cut (stderr).</param>
    /// <param name="durable">
    /// True with <c>--state</c>: a file is synced to disk before the state moves past its page, so a power cut cannot
    /// leave a state that claims events the file lost. Without a state nothing depends on that order, and syncing every
    /// page would only cost time.
    /// </param>
    public static List<ISink> Build(OutputRequest request, CliContext context, ILoggerFactory loggers, bool durable)
    {
        var formatter = Formatter(request);
        var sinks = new List<ISink>();
        if (request.OutputFile is { } file)
        {
            var options = new FileSinkOptions { Path = Path.GetFullPath(file, context.WorkingDirectory), FlushToDisk = durable, FollowSymlinks = request.FollowSymlinks };
            ThrowIfInvalid("--output", options.Validate());
            sinks.Add(FileSinkFactory.Create(options, formatter, TimeProvider.System, loggers.CreateLogger("AuditBridge.Sinks.File")));
        }

        if (request.SyslogEndpoint is { } endpoint)
        {
            if (!SyslogPriority.TryParseFacility(request.Facility, out var facility))
            {
                throw new UsageException($"--facility: '{request.Facility}' is not a syslog facility (kern, user, … local0..local7, or 0..23)");
            }

            var options = new SyslogSinkOptions
            {
                Endpoint = endpoint,
                HeaderFormat = request.SyslogHeader switch
                {
                    "rfc3164" => SyslogHeaderFormat.Rfc3164,
                    "none" => SyslogHeaderFormat.None,
                    _ => SyslogHeaderFormat.Rfc5424,
                },
                Framing = request.Framing == "newline" ? FramingMethod.Newline : FramingMethod.OctetCounting,
                Facility = facility,
                HostName = request.SyslogHostname,
                MaxDatagramBytes = request.MaxDatagram,
                MaxRate = request.MaxRate,
                CaFile = request.CaFile is null ? null : Path.GetFullPath(request.CaFile, context.WorkingDirectory),
            };
            ThrowIfInvalid("--syslog", options.Validate());
            // The sink's clock only bounds socket I/O (connect and write timeouts) and paces UDP datagrams to what a
            // receiver reads, which happen in real time whatever clock schedules the rest (tests run the CLI on a fake
            // clock that skips waits).
            sinks.Add(SyslogSinkFactory.Create(options, formatter, TimeProvider.System));
        }

        if (sinks.Count == 0)
        {
            sinks.Add(StdoutSinkFactory.Create(new StdoutSinkOptions(), formatter, context.StandardOutput));
        }

        return sinks;
    }

    private static void ThrowIfInvalid(string option, IReadOnlyList<string> errors)
    {
        if (errors.Count > 0)
        {
            throw new UsageException($"{option}: {string.Join(" ", errors)}");
        }
    }
}
