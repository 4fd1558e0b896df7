using AuditBridge.Events;

namespace AuditBridge.TestKit.Journal;

/// <summary>Field-by-field equality of normalized events, with the field named in the failure.</summary>
public static class AuditEventAssert
{
    /// <summary>Every field equal, <see cref="AuditEvent.Raw"/> and section JSON byte for byte.</summary>
    public static void Equal(AuditEvent expected, AuditEvent actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Vendor, actual.Vendor);
        Assert.Equal(expected.Source, actual.Source);
        AssertSameTime(expected.Time, actual.Time, "Time");
        AssertSameTime(expected.Received, actual.Received, "Received");
        Assert.Equal(expected.Category, actual.Category);
        Assert.Equal(expected.Action, actual.Action);
        Assert.Equal(expected.Description, actual.Description);
        Assert.Equal(expected.Actor, actual.Actor);
        Assert.Equal(expected.Target, actual.Target);
        Assert.Equal(expected.Ip, actual.Ip);
        Assert.Equal(expected.Geo, actual.Geo);
        Assert.Equal(expected.Objects, actual.Objects);
        Assert.Equal(expected.Outcome, actual.Outcome);
        Assert.Equal(expected.Severity, actual.Severity);
        Assert.Equal(expected.Indicators, actual.Indicators);
        Assert.Equal(expected.Sections.Count, actual.Sections.Count);
        for (var i = 0; i < expected.Sections.Count; i++)
        {
            Assert.Equal(expected.Sections[i].Name, actual.Sections[i].Name);
            Assert.Equal(expected.Sections[i].Label, actual.Sections[i].Label);
            Assert.True(expected.Sections[i].Json.Span.SequenceEqual(actual.Sections[i].Json.Span), $"section {expected.Sections[i].Name} differs");
        }

        Assert.True(expected.Raw.Span.SequenceEqual(actual.Raw.Span), "Raw differs");
    }

    /// <summary>The same instant and the same offset (DateTimeOffset equality ignores the offset).</summary>
    public static void AssertSameTime(DateTimeOffset? expected, DateTimeOffset? actual, string field)
    {
        Assert.True(expected == actual && expected?.Offset == actual?.Offset, $"{field}: expected {expected:O}, got {actual:O}");
    }
}
