namespace AuditBridge.Formats.Json;

/// <summary>Options of the <c>json</c> (JSON lines) format.</summary>
public sealed record JsonFormatterOptions
{
    /// <summary>
    /// Whether each record carries the vendor's event JSON under <c>raw</c>. Default <c>true</c>: the normalized
    /// fields are a summary, the raw event is the evidence.
    /// </summary>
    public bool IncludeRaw { get; init; } = true;
}
