using AuditBridge.Sources;

namespace AuditBridge.TestKit.Journal;

/// <summary>Compares quarantined events by value, their raw bytes included (a record compares its memory by reference).</summary>
internal sealed class QuarantineComparer : IEqualityComparer<(string Source, QuarantinedEvent Event)>
{
    public static QuarantineComparer Instance { get; } = new();

    public static IEqualityComparer<QuarantinedEvent> Events { get; } = EqualityComparer<QuarantinedEvent>.Create(Same, e => e.Position.Length);

    public bool Equals((string Source, QuarantinedEvent Event) x, (string Source, QuarantinedEvent Event) y) =>
        x.Source == y.Source && Same(x.Event, y.Event);

    public int GetHashCode((string Source, QuarantinedEvent Event) obj) => obj.Source.Length;

    private static bool Same(QuarantinedEvent? x, QuarantinedEvent? y) =>
        x is not null && y is not null
        && (x.Vendor, x.Position, x.Error) == (y.Vendor, y.Position, y.Error)
        && x.Raw.Span.SequenceEqual(y.Raw.Span);
}
