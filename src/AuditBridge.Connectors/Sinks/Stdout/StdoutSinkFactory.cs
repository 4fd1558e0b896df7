using AuditBridge.Formats;
using AuditBridge.Framing;

namespace AuditBridge.Sinks.Stdout;

/// <summary>Creates <c>stdout</c> sinks.</summary>
public static class StdoutSinkFactory
{
    /// <summary>The component's configuration type name.</summary>
    public const string Type = "stdout";

    /// <summary>Returns a sink that writes to <paramref name="output"/>, which it does not close.</summary>
    /// <param name="options">Settings; not read again after this call.</param>
    /// <param name="formatter">Writes one record per event; its <see cref="IEventFormatter.FileHeader"/> is written once, first.</param>
    /// <param name="output">The process's standard output (<c>Console.OpenStandardOutput()</c>), or any writable stream.</param>
    /// <exception cref="SinkException">Permanent: the settings are invalid.</exception>
    public static ISink Create(StdoutSinkOptions options, IEventFormatter formatter, Stream output)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(formatter);
        ArgumentNullException.ThrowIfNull(output);
        if (options.Framing is { } framing && !Enum.IsDefined(framing))
        {
            throw new SinkException($"Invalid stdout sink settings: Framing '{framing}' is not defined.", isTransient: false);
        }

        if (!output.CanWrite)
        {
            throw new ArgumentException("The output stream is not writable.", nameof(output));
        }

        var framer = Framers.For(LineFraming.Resolve(formatter, options.Framing));
        return new TransportSink(new StdoutTransport(output, formatter.FileHeader), new BatchEncoder(formatter, envelope: null, framer));
    }
}
