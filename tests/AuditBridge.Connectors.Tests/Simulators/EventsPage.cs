using System.Text.Json;

namespace AuditBridge.Connectors.Tests.Simulators;

/// <summary>One <c>GetTeamEventsResult</c> as received: each event's raw JSON text, the cursor and has_more.</summary>
internal sealed record EventsPage(IReadOnlyList<string> Events, string Cursor, bool HasMore)
{
    public IReadOnlyList<DateTimeOffset> Timestamps => [.. Events.Select(TimestampOf)];

    public static DateTimeOffset TimestampOf(string eventJson)
    {
        using var document = JsonDocument.Parse(eventJson);
        return DateTimeOffset.Parse(document.RootElement.GetProperty("timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
    }
}
