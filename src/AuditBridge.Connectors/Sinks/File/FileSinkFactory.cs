using AuditBridge.Formats;
using AuditBridge.Framing;
using Microsoft.Extensions.Logging;

namespace AuditBridge.Sinks.File;

/// <summary>Creates <c>file</c> sinks.</summary>
public static class FileSinkFactory
{
    /// <summary>The component's configuration type name.</summary>
    public const string Type = "file";

    /// <summary>Validates <paramref name="options"/> and returns a sink that opens the file on its first write.</summary>
    /// <param name="options">Settings; not read again after this call.</param>
    /// <param name="formatter">Writes one record per event; its <see cref="IEventFormatter.FileHeader"/> opens a new file.</param>
    /// <param name="timeProvider">Decides the UTC date for <c>{date}</c> and <see cref="FileSinkOptions.RotateDaily"/>.</param>
    /// <param name="logger">Reports a torn record cut from the end of a file after a crash (warning).</param>
    /// <exception cref="SinkException">Permanent: the settings are invalid (every problem is listed).</exception>
    public static ISink Create(FileSinkOptions options, IEventFormatter formatter, TimeProvider timeProvider, ILogger logger) =>
        Create(options, formatter, timeProvider, logger, DiskSync.Instance);

    /// <summary>As the public overload, with the disk sync to use (a recorder in tests).</summary>
    internal static ISink Create(FileSinkOptions options, IEventFormatter formatter, TimeProvider timeProvider, ILogger logger, IDiskSync disk)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(formatter);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);

        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new SinkException($"Invalid file sink settings: {string.Join(" ", errors)}", isTransient: false);
        }

        var framing = LineFraming.Resolve(formatter, options.Framing);
        var encoder = new BatchEncoder(formatter, envelope: null, Framers.For(framing));
        var endsWithLineFeed = framing is FramingMethod.Newline or FramingMethod.CrLf;
        return new TransportSink(new FileTransport(System.IO.Path.GetFullPath(options.Path), options, formatter, timeProvider, endsWithLineFeed, disk, logger), encoder);
    }
}
