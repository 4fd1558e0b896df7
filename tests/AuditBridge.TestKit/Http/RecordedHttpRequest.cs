namespace AuditBridge.TestKit.Http;

/// <summary>One request a fake server received.</summary>
public sealed record RecordedHttpRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body);
