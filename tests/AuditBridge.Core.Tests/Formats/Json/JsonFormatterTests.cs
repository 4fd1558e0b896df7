using System.Buffers;
using System.Text;
using System.Text.Json;
using AuditBridge.Events;
using AuditBridge.Formats;
using AuditBridge.Formats.Json;
using AuditBridge.TestKit;

namespace AuditBridge.Core.Tests.Formats.Json;

public sealed class JsonFormatterTests
{
    private const string Marker = "…[truncated]";

    [Fact]
    public void Format_Event_WritesTheNormalizedFieldsInOrder()
    {
        using var document = Parse(GoldenCases.Event(received: new DateTimeOffset(2024, 5, 3, 10, 45, 0, TimeSpan.Zero), outcome: EventOutcome.Success));

        Assert.Equal(
            ["id", "vendor", "source", "time", "received", "category", "action", "description", "severity", "outcome", "actor", "target", "ip", "geo", "objects", "indicators", "raw"],
            document.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Format_Times_AreUtcWithMilliseconds()
    {
        var time = new DateTimeOffset(2024, 12, 31, 23, 59, 59, 7, TimeSpan.FromHours(2));

        using var document = Parse(GoldenCases.Event(received: time));

        Assert.Equal("2024-05-03T10:41:07.123Z", document.RootElement.GetProperty("time").GetString());
        Assert.Equal("2024-12-31T21:59:59.007Z", document.RootElement.GetProperty("received").GetString());
    }

    [Fact]
    public void Format_MissingOptionalValues_AreLeftOut()
    {
        var auditEvent = GoldenCases.Event(description: null, actor: new Principal(PrincipalKind.App, null, null, "App"), target: null, ip: null, geo: new GeoLocation(null, null, null), indicators: []);

        using var document = Parse(auditEvent);

        var root = document.RootElement;
        Assert.False(root.TryGetProperty("description", out _));
        Assert.False(root.TryGetProperty("received", out _));
        Assert.False(root.TryGetProperty("outcome", out _));
        Assert.False(root.TryGetProperty("target", out _));
        Assert.False(root.TryGetProperty("ip", out _));
        Assert.False(root.TryGetProperty("geo", out _));
        Assert.False(root.TryGetProperty("indicators", out _));
        Assert.Equal("""{"kind":"app","name":"App"}""", root.GetProperty("actor").GetRawText());
    }

    [Fact]
    public void Format_WithoutObjects_WritesAnEmptyArray()
    {
        using var document = Parse(GoldenCases.Event(objects: []));

        Assert.Equal("[]", document.RootElement.GetProperty("objects").GetRawText());
    }

    [Theory]
    [InlineData(PrincipalKind.User, "user")]
    [InlineData(PrincipalKind.Admin, "admin")]
    [InlineData(PrincipalKind.App, "app")]
    [InlineData(PrincipalKind.Reseller, "reseller")]
    [InlineData(PrincipalKind.System, "system")]
    [InlineData(PrincipalKind.Anonymous, "anonymous")]
    [InlineData(PrincipalKind.Group, "group")]
    [InlineData(PrincipalKind.Team, "team")]
    public void Format_PrincipalKind_IsLowerCase(PrincipalKind kind, string expected)
    {
        using var document = Parse(GoldenCases.Event(actor: new Principal(kind, "id")));

        Assert.Equal(expected, document.RootElement.GetProperty("actor").GetProperty("kind").GetString());
    }

    [Fact]
    public void Format_Raw_IsEmbeddedByteForByte()
    {
        const string Raw = """{"b":1, "a" : [true,null,"é\u00e9\/"],"n":1.50e3}""";

        var record = Encoding.UTF8.GetString(FormatToArray(GoldenCases.Event(raw: Raw)));

        Assert.EndsWith("\"raw\":" + Raw + "}", record, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_PrettyPrintedRaw_StaysOneLine()
    {
        const string Raw = "{\r\n\t\"a\": \"x\\ny\",\n  \"b\": [1,\n 2]\n}";

        var record = FormatToArray(GoldenCases.Event(raw: Raw));

        Assert.DoesNotContain(record, b => b < 0x20);
        using var document = JsonDocument.Parse(record);
        Assert.Equal("x\ny", document.RootElement.GetProperty("raw").GetProperty("a").GetString());
    }

    [Fact]
    public void Format_RawThatIsNotJson_IsKeptAsTextInRawText()
    {
        using var document = Parse(GoldenCases.Event(raw: "{\"truncated\": \"bo"));

        Assert.False(document.RootElement.TryGetProperty("raw", out _));
        Assert.Equal("{\"truncated\": \"bo", document.RootElement.GetProperty("raw_text").GetString());
    }

    [Fact]
    public void Format_WithoutRaw_WritesNoRaw()
    {
        var formatter = EventFormatters.Json(new JsonFormatterOptions { IncludeRaw = false });

        using var document = JsonDocument.Parse(FormatToArray(GoldenCases.Event(), formatter));

        Assert.False(document.RootElement.TryGetProperty("raw", out _));
    }

    [Fact]
    public void Format_HostileStrings_RoundTripExactly()
    {
        foreach (var value in Some.HostileStrings)
        {
            var record = FormatToArray(GoldenCases.Hostile(value));

            Assert.DoesNotContain(record, b => b < 0x20);
            using var document = JsonDocument.Parse(record);
            var root = document.RootElement;
            Assert.Equal(value, root.GetProperty("description").GetString());
            Assert.Equal(value, root.GetProperty("category").GetString());
            Assert.Equal(value, root.GetProperty("actor").GetProperty("email").GetString());
            Assert.Equal(value, root.GetProperty("target").GetProperty("id").GetString());
            Assert.Equal(value, root.GetProperty("objects")[0].GetProperty("path").GetString()![8..]);
            Assert.Equal(value, root.GetProperty("raw").GetProperty("note").GetString());
        }
    }

    [Fact]
    public void Format_NonAsciiText_StaysReadable()
    {
        var record = Encoding.UTF8.GetString(FormatToArray(GoldenCases.Event(description: "Zażółć <gęślą> & 'jaźń'")));

        Assert.Contains("\"description\":\"Zażółć <gęślą> & 'jaźń'\"", record, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_WithBudget_ShortensTheLongestStringsInRawAndMarksIt()
    {
        var raw = "{\"id\":\"keep\",\"details\":{\"note\":\"" + new string('n', 2000) + "\"}}";
        var auditEvent = GoldenCases.Event(raw: raw);
        var full = FormatToArray(auditEvent).Length;
        var output = new ArrayBufferWriter<byte>();

        var result = EventFormatters.Json().Format(auditEvent, output, full - 1000);

        Assert.Equal(new FormatResult(output.WrittenCount, 1), result);
        Assert.InRange(result.BytesWritten, full - 1030, full - 1000);
        using var document = JsonDocument.Parse(output.WrittenMemory);
        var root = document.RootElement;
        Assert.Equal("keep", root.GetProperty("raw").GetProperty("id").GetString());
        Assert.EndsWith(Marker, root.GetProperty("raw").GetProperty("details").GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Equal("""["raw"]""", root.GetProperty("truncated").GetRawText());
    }

    [Fact]
    public void Format_WithBudgetSmallerThanTheNormalizedFields_ThrowsAndWritesNothing()
    {
        var output = new ArrayBufferWriter<byte>();

        Assert.Throws<RecordTooLargeException>(() => EventFormatters.Json().Format(GoldenCases.Event(), output, 300));
        Assert.Equal(0, output.WrittenCount);
    }

    private static JsonDocument Parse(AuditEvent auditEvent) => JsonDocument.Parse(FormatToArray(auditEvent));

    private static byte[] FormatToArray(AuditEvent auditEvent, IEventFormatter? formatter = null)
    {
        var output = new ArrayBufferWriter<byte>();
        (formatter ?? EventFormatters.Json()).Format(auditEvent, output);
        return output.WrittenSpan.ToArray();
    }
}
