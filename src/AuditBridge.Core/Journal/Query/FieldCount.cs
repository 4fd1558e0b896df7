namespace AuditBridge.Journal.Query;

/// <summary>How many selected events have <paramref name="Value"/> in a field.</summary>
public readonly record struct FieldCount(string Value, long Count);
