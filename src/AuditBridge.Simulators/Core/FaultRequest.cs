namespace AuditBridge.Simulators.Core;

/// <summary>The JSON object a client posts to <c>/_simulator/faults</c>, with typed readers for its members (null when absent).</summary>
internal readonly struct FaultRequest(JsonElement root)
{
    public int? Int(string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.GetInt32() : null;

    public string? String(string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.GetString() : null;

    public bool IsTrue(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    public bool IsFalse(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.False;

    public bool TryGet(string name, out JsonElement value) => root.TryGetProperty(name, out value);
}
