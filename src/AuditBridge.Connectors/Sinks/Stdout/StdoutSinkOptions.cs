using AuditBridge.Framing;

namespace AuditBridge.Sinks.Stdout;

/// <summary>Settings of the <c>stdout</c> sink.</summary>
public sealed class StdoutSinkOptions
{
    /// <summary>
    /// How records are separated. Default null: by format, <see cref="FramingMethod.CrLf"/> for <c>csv</c> (RFC 4180)
    /// and <see cref="FramingMethod.Newline"/> (LF) for everything else.
    /// </summary>
    public FramingMethod? Framing { get; set; }
}
