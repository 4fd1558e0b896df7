namespace AuditBridge.Sources.Files;

/// <summary>Options of a source that reads vendor events from a file or stream (<c>auditbridge convert</c>).</summary>
public sealed record ConvertSourceOptions
{
    /// <summary>The name used in messages (<c>events.json</c>, or <c>stdin</c>).</summary>
    public required string Name { get; init; }

    /// <summary>Skip events that are not valid (and count them) instead of stopping at the first one. Default false.</summary>
    public bool SkipInvalid { get; init; }

    /// <summary>Events per page handed to the outputs. Default 1000.</summary>
    public int PageSize { get; init; } = 1000;
}
