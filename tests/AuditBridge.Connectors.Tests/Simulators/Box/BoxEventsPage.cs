using System.Text.Json;

namespace AuditBridge.Connectors.Tests.Simulators.Box;

/// <summary>One <c>Events</c> response as received: each entry's raw JSON, the position's exact text and token kind, chunk_size.</summary>
internal sealed record BoxEventsPage(IReadOnlyList<string> Entries, string Position, JsonValueKind PositionKind, long ChunkSize)
{
    public IReadOnlyList<string> EventIds => [.. Entries.Select(e => Field(e, "event_id"))];

    public static string Field(string eventJson, string name)
    {
        using var document = JsonDocument.Parse(eventJson);
        return document.RootElement.GetProperty(name).GetString()!;
    }

    public static DateTimeOffset CreatedAt(string eventJson) =>
        DateTimeOffset.Parse(Field(eventJson, "created_at"), System.Globalization.CultureInfo.InvariantCulture);
}
