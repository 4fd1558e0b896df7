namespace AuditBridge.Simulators.Box;

/// <summary>How the simulator writes <c>next_stream_position</c> (the OpenAPI says "string or int64"; Box has sent both).</summary>
public enum StreamPositionFormat
{
    /// <summary>A bare JSON number, larger than 2^53 (a client that parses it as a double loses the last digits).</summary>
    JsonNumber,

    /// <summary>A JSON string of digits.</summary>
    JsonString,

    /// <summary>Number or string, alternating page by page (deterministically), to catch a client that handles only one.</summary>
    Alternating,
}
