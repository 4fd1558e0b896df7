using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using AuditBridge.Core.Tests.Formats;
using AuditBridge.Events;
using AuditBridge.Journal;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Journal;

namespace AuditBridge.Core.Tests.Journal;

public sealed class AuditEventCodecTests
{
    private static readonly DateTimeOffset Received = new DateTimeOffset(2024, 5, 3, 10, 45, 1, TimeSpan.Zero).AddTicks(9876543);

    [Fact]
    public void Decode_EncodedSomeEvent_ReturnsEveryField()
    {
        var original = Some.Event();

        var decoded = RoundTrip(original);

        AuditEventAssert.Equal(original, decoded);
    }

    [Fact]
    public void Decode_EventWithEveryOptionalPartAbsent_ReturnsThemAbsent()
    {
        var original = new AuditEvent
        {
            Id = "dbx:1",
            Vendor = "dropbox",
            Source = "acme",
            Time = Some.Instant,
            Category = "logins",
            Action = "login_success",
            Raw = "{}"u8.ToArray(),
        };

        var decoded = RoundTrip(original);

        AuditEventAssert.Equal(original, decoded);
        Assert.Null(decoded.Received);
        Assert.Null(decoded.Actor);
        Assert.Null(decoded.Target);
        Assert.Null(decoded.Geo);
        Assert.Empty(decoded.Objects);
        Assert.Empty(decoded.Sections);
        Assert.Empty(decoded.Indicators);
    }

    [Fact]
    public void Decode_EmptyStringsAndNullStrings_KeepsThemApart()
    {
        var original = Some.Event(
            description: string.Empty,
            ip: null,
            actor: new Principal(PrincipalKind.User, string.Empty, null, string.Empty),
            target: new Principal(PrincipalKind.Group, null, string.Empty, null),
            objects: [new EventObject(string.Empty, null, string.Empty, null)],
            sections: [Some.Section(string.Empty, string.Empty, string.Empty)]);

        var decoded = RoundTrip(original);

        AuditEventAssert.Equal(original, decoded);
    }

    [Fact]
    public void Decode_TargetThatIsNotTheActor_ReturnsBoth()
    {
        var original = Some.Event(
            actor: new Principal(PrincipalKind.Admin, "dbmid:admin", "admin@northwind.example", "Admin"),
            target: new Principal(PrincipalKind.User, "dbmid:user", "user@northwind.example", "User"));

        var decoded = RoundTrip(original);

        AuditEventAssert.Equal(original, decoded);
    }

    [Fact]
    public void Decode_OnlyATarget_ReturnsNoActor()
    {
        var original = WithParts(Some.Event(), actor: null, target: new Principal(PrincipalKind.Team, null, null, "Northwind"));

        var decoded = RoundTrip(original);

        Assert.Null(decoded.Actor);
        Assert.Equal(original.Target, decoded.Target);
    }

    [Fact]
    public void Decode_TimesWithTicksAndOffsets_ReturnsTheSameInstantsAndOffsets()
    {
        var time = new DateTimeOffset(2024, 5, 3, 16, 11, 7, TimeSpan.FromHours(5.5)).AddTicks(1234567);
        var received = new DateTimeOffset(2024, 5, 3, 3, 45, 1, TimeSpan.FromHours(-7)).AddTicks(1);
        var original = WithParts(Some.Event(time: time), received: received);

        var decoded = RoundTrip(original);

        AuditEventAssert.AssertSameTime(time, decoded.Time, "Time");
        AuditEventAssert.AssertSameTime(received, decoded.Received, "Received");
    }

    [Fact]
    public void Encode_WithAReceiveTime_StoresThatTimeInsteadOfTheEvents()
    {
        var original = WithParts(Some.Event(), received: Some.Instant);
        var buffer = new ArrayBufferWriter<byte>();

        AuditEventCodec.Encode(original, Received, buffer);

        var decoded = AuditEventCodec.Decode(buffer.WrittenSpan, original.Raw);
        AuditEventAssert.AssertSameTime(Received, decoded.Received, "Received");
    }

    [Fact]
    public void Decode_EnumValuesOutsideTheirNamesAndExtremeSeverities_ReturnsThemUnchanged()
    {
        var original = WithParts(
            Some.Event(outcome: (EventOutcome)42, severity: int.MinValue, actor: new Principal((PrincipalKind)(-3), "x")),
            target: new Principal((PrincipalKind)int.MaxValue));

        var decoded = RoundTrip(original);

        Assert.Equal((EventOutcome)42, decoded.Outcome);
        Assert.Equal(int.MinValue, decoded.Severity);
        Assert.Equal((PrincipalKind)(-3), decoded.Actor?.Kind);
        Assert.Equal((PrincipalKind)int.MaxValue, decoded.Target?.Kind);
    }

    public static TheoryData<int> HostileIndexes => new(Enumerable.Range(0, Some.HostileStrings.Count));

    [Theory]
    [MemberData(nameof(HostileIndexes))]
    public void Decode_HostileStringInEveryField_ReturnsItUnchanged(int index)
    {
        var text = Some.HostileStrings[index];
        var original = Hostile(text, raw: $$"""{"text":{{System.Text.Json.JsonSerializer.Serialize(text)}}}""");

        var decoded = RoundTrip(original);

        AuditEventAssert.Equal(original, decoded);
    }

    [Theory]
    [InlineData("\ud800")]
    [InlineData("lone low \udc00 in the middle")]
    [InlineData("reversed pair \udc00\ud800")]
    [InlineData("high at the end \ud83d")]
    public void Decode_StringsThatAreNotValidUtf16_ReturnsTheSameCodeUnits(string text)
    {
        var original = Hostile(text, raw: "{}");

        var decoded = RoundTrip(original);

        Assert.Equal(text, decoded.Description, StringComparer.Ordinal);
        Assert.Equal(text, decoded.Actor?.Name, StringComparer.Ordinal);
        Assert.Equal(text, decoded.Indicators.Single(), StringComparer.Ordinal);
    }

    [Fact]
    public void Decode_SectionsThatAreSlicesOfRaw_ReturnsSlicesOfTheGivenRaw()
    {
        const string Details = """{".tag":"file_download_details"}""";
        const string Actor = """{".tag":"user"}""";
        var text = $$"""{"details":{{Details}},"actor":{{Actor}}}""";
        var raw = Encoding.UTF8.GetBytes(text);
        var original = Some.Event(raw: text, sections:
        [
            new EventSection("details", "Details", raw.AsMemory(text.IndexOf(Details, StringComparison.Ordinal), Details.Length)),
            new EventSection("actor", "Actor", raw.AsMemory(text.IndexOf(Actor, StringComparison.Ordinal), Actor.Length)),
        ]);
        var stored = raw.ToArray();

        var decoded = AuditEventCodec.Decode(AuditEventCodec.Encode(original), stored);

        AuditEventAssert.Equal(original, decoded);
        foreach (var section in decoded.Sections)
        {
            Assert.True(MemoryMarshal.TryGetArray(section.Json, out var segment) && ReferenceEquals(segment.Array, stored), $"section {section.Name} is a copy");
        }
    }

    [Fact]
    public void Encode_SectionThatOccursInRawButIsNotASlice_StoresItAsASlice()
    {
        const string Details = """{".tag":"shared_content_download_details","shared_content_link":"https://www.dropbox.com/scl/fi/abc"}""";
        var inRaw = Some.Event(raw: $$"""{"details":{{Details}}}""", sections: [Some.Section("details", "Details", Details)]);
        var notInRaw = Some.Event(raw: "{}", sections: [Some.Section("details", "Details", Details)]);

        var withSlice = AuditEventCodec.Encode(inRaw);
        var inline = AuditEventCodec.Encode(notInRaw);

        Assert.True(withSlice.Length < inline.Length - Details.Length + 10, $"{withSlice.Length} bytes with the slice, {inline.Length} inline");
        AuditEventAssert.Equal(inRaw, AuditEventCodec.Decode(withSlice, inRaw.Raw));
        AuditEventAssert.Equal(notInRaw, AuditEventCodec.Decode(inline, notInRaw.Raw));
    }

    [Fact]
    public void Encode_MappedDropboxEvents_RoundTripsAndTakesLessThanHalfTheRawSize()
    {
        var events = JournalTestEvents.Dropbox("acme-dropbox", 500);
        long encodedBytes = 0;
        long rawBytes = 0;

        foreach (var original in events)
        {
            var encoded = AuditEventCodec.Encode(original);
            encodedBytes += encoded.Length;
            rawBytes += original.Raw.Length;
            AuditEventAssert.Equal(original, AuditEventCodec.Decode(encoded, original.Raw.ToArray()));
        }

        Assert.True(encodedBytes * 2 < rawBytes, $"{encodedBytes} encoded bytes for {rawBytes} raw bytes");
    }

    [Fact]
    public void Decode_EveryCutShortEncoding_ThrowsFormatException()
    {
        var original = Some.Event();
        var encoded = AuditEventCodec.Encode(original);

        for (var length = 0; length < encoded.Length; length++)
        {
            var cut = encoded[..length];
            Assert.Throws<FormatException>(() => AuditEventCodec.Decode(cut, original.Raw));
        }
    }

    [Fact]
    public void Decode_UnknownVersion_ThrowsFormatExceptionNamingIt()
    {
        var encoded = AuditEventCodec.Encode(Some.Event());
        encoded[0] = 9;

        var error = Assert.Throws<FormatException>(() => AuditEventCodec.Decode(encoded, ReadOnlyMemory<byte>.Empty));

        Assert.Contains("version 9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_RawShorterThanASliceNeeds_ThrowsFormatException()
    {
        var original = Some.Event(raw: """{"description":"Downloaded files and/or folders"}""");
        var encoded = AuditEventCodec.Encode(original);

        Assert.Throws<FormatException>(() => AuditEventCodec.Decode(encoded, original.Raw[..10]));
    }

    [Fact]
    public void Decode_DamagedBytes_ThrowsNothingButFormatException()
    {
        var original = JournalTestEvents.Dropbox("acme-dropbox", 1)[0];
        var encoded = AuditEventCodec.Encode(original);
        var random = new Random(7);

        for (var round = 0; round < 2000; round++)
        {
            var damaged = encoded.ToArray();
            damaged[1 + random.Next(damaged.Length - 1)] = (byte)random.Next(256);
            try
            {
                AuditEventCodec.Decode(damaged, original.Raw);
            }
            catch (FormatException)
            {
            }
        }
    }

    private static AuditEvent RoundTrip(AuditEvent original) => AuditEventCodec.Decode(AuditEventCodec.Encode(original), original.Raw);

    private static AuditEvent Hostile(string text, string raw)
    {
        var hostile = Some.Event(
            id: text,
            category: text,
            action: text,
            description: text,
            actor: new Principal(PrincipalKind.User, text, text, text),
            target: new Principal(PrincipalKind.Group, text, null, text),
            ip: text,
            objects: [new EventObject(text, text, text, text), new EventObject("file")],
            sections: [Some.Section(text, text, text)],
            raw: raw);
        return WithParts(hostile, indicators: [text]);
    }

    private static AuditEvent WithParts(
        AuditEvent e,
        Optional<Principal?> actor = default,
        Optional<Principal?> target = default,
        DateTimeOffset? received = null,
        IReadOnlyList<string>? indicators = null) => new()
        {
            Id = e.Id,
            Vendor = e.Vendor,
            Source = e.Source,
            Time = e.Time,
            Received = received ?? e.Received,
            Category = e.Category,
            Action = e.Action,
            Description = e.Description,
            Actor = actor.Or(e.Actor),
            Target = target.Or(e.Target),
            Ip = e.Ip,
            Geo = e.Geo,
            Objects = e.Objects,
            Outcome = e.Outcome,
            Severity = e.Severity,
            Sections = e.Sections,
            Indicators = indicators ?? e.Indicators,
            Raw = e.Raw,
        };
}
