namespace AuditBridge.Simulators;

/// <summary>One HTTP request a simulator received, kept for assertions.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Request path, for example <c>/2/team_log/get_events</c>.</param>
/// <param name="QueryString">Raw query string including the leading <c>?</c>, or empty.</param>
/// <param name="Headers">Request headers (case-insensitive names; repeated headers joined with commas), including <c>Authorization</c>.</param>
/// <param name="Body">Request body decoded as UTF-8.</param>
/// <param name="ReceivedAt">The simulator clock's time when the request arrived.</param>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string QueryString,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    DateTimeOffset ReceivedAt)
{
    /// <summary>The <c>Authorization</c> header, or null.</summary>
    public string? Authorization => Headers.TryGetValue("Authorization", out var value) ? value : null;
}
