using System.Text;
using System.Text.Json;
using AuditBridge.Events;
using AuditBridge.Sources;

namespace AuditBridge.Connectors.Tests.Sources.Poison;

/// <summary>The one place a mapper failure is caught: the event is kept with where it was and why, the page goes on.</summary>
public sealed class EventQuarantineTests
{
    [Fact]
    public void TryMap_WhenTheMapperThrows_QuarantinesTheEntryWithItsBytesPlaceAndFailure()
    {
        using var document = JsonDocument.Parse("""{"events":[{"a":1},{"b":2}]}""");
        var entry = new PageEntry(1, document.RootElement.GetProperty("events")[1], null);
        var quarantine = new EventQuarantine("box");

        var mapped = quarantine.TryMap("admin_logs from stream_position 5", entry, 0, static _ => throw new FormatException("bad digits"), out var result);

        Assert.False(mapped);
        Assert.Null(result);
        var kept = Assert.Single(quarantine.Events);
        Assert.Equal("box", kept.Vendor);
        Assert.Equal("admin_logs from stream_position 5, entry 1 of the page (0-based)", kept.Position);
        Assert.Equal("mapping failed: FormatException: bad digits", kept.Error);
        Assert.Equal("""{"b":2}""", Encoding.UTF8.GetString(kept.Raw.Span));
    }

    [Fact]
    public void TryMap_WhenCancelled_LetsTheCancellationThrough()
    {
        Assert.Throws<OperationCanceledException>(() => EventQuarantine.TryMap(0, static AuditEvent (_) => throw new OperationCanceledException(), out _, out _));
    }
}
