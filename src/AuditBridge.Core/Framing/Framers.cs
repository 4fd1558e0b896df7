namespace AuditBridge.Framing;

/// <summary>The one place framers are created. Every framer is stateless and safe to share between threads.</summary>
public static class Framers
{
    /// <summary>Returns the framer for <paramref name="method"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="method"/> is not a defined value.</exception>
    public static IFramer For(FramingMethod method) => method switch
    {
        FramingMethod.OctetCounting => OctetCountingFramer.Instance,
        FramingMethod.Newline => NewlineFramer.Instance,
        FramingMethod.CrLf => CrLfFramer.Instance,
        FramingMethod.None => NoFramer.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown framing method."),
    };
}
