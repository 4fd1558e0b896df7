using System.Buffers;
using System.Text;
using AuditBridge.Events;
using AuditBridge.Formats;
using AuditBridge.Formats.KeyValue;

namespace AuditBridge.Core.Tests.Formats.KeyValue;

/// <summary>
/// The engine's contract (src/AuditBridge.Core/Formats/KeyValue/README.md) on a made-up dialect, so it is shown apart
/// from CEF and LEEF, plus the vendor products every dialect takes from its options.
/// </summary>
public sealed class KeyValueRecordWriterTests
{
    private static readonly VendorProduct Acme = new("acme", "Acme Corp", "Acme Audit Trail", "3.1");

    private enum TestKey : byte
    {
        Vendor,
        Product,
        Version,
        Title,
        Time,
        Note,
        Data,
    }

    [Fact]
    public void Write_MadeUpDialect_WritesSignatureVendorPrefixHeaderFieldsAndValuesEscapedByItsTables()
    {
        var writer = new KeyValueRecordWriter<TestKey>(Dialect(), [Acme]);

        var record = Write(writer, Event("a|b", "x;y\nz", """{"k":"v;w"}"""), int.MaxValue, out var result);

        Assert.Equal("""TEST:1|Acme Corp|Acme Audit Trail|3.1|a/b|time=1700000000000;note=x\;y z;data={"k":"v\u003bw"}""", record);
        Assert.Equal((Encoding.UTF8.GetByteCount(record), 0), (result.BytesWritten, result.ShortenedValues));
    }

    [Fact]
    public void Write_OverTheBudget_ShortensJsonFirstThenTextAndNamesBothInTheTruncationRecord()
    {
        var writer = new KeyValueRecordWriter<TestKey>(Dialect(), [Acme]);
        var auditEvent = Event("title", new string('n', 200), "[\"" + new string('d', 300) + "\"]");
        var full = Write(writer, auditEvent, int.MaxValue, out _);

        var record = Write(writer, auditEvent, full.Length - 450, out var result);

        Assert.Equal(2, result.ShortenedValues);
        Assert.InRange(result.BytesWritten, 1, full.Length - 450);
        Assert.EndsWith(";cut=note,data", record, StringComparison.Ordinal);
        Assert.Contains(";note=nnn", record, StringComparison.Ordinal);
        Assert.Contains(ValueShortener.Marker + ";data=", record, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WhenTheJsonMeasureDisagreesWithHowTheDialectWritesJson_Throws()
    {
        var wrong = Dialect(escapesJson: true, JsonMeasure.Utf8Bytes);

        var exception = Assert.Throws<ArgumentException>(() => new KeyValueRecordWriter<TestKey>(wrong, []));

        Assert.Contains("TEST dialect measures JSON in Utf8Bytes", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cef", "CEF:0|Acme Corp|Acme Audit Trail|3.1|")]
    [InlineData("leef", "LEEF:2.0|Acme Corp|Acme Audit Trail|3.1|")]
    public void Format_VendorDeclaredInTheOptions_WritesItsProductInTheHeaderIgnoringTheKeysCase(string format, string expected)
    {
        var formatter = EventFormatters.Create(format, [Acme]);

        var record = Format(formatter, Event("t", "n", "{}", vendor: "ACME"));

        Assert.StartsWith(expected, record, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cef", "CEF:0|dropbox|dropbox Audit Log|1|")]
    [InlineData("leef", "LEEF:2.0|dropbox|dropbox Audit Log|1|")]
    public void Format_VendorNotDeclared_WritesTheFallbackProduct(string format, string expected)
    {
        var formatter = EventFormatters.Create(format, [Acme]);

        var record = Format(formatter, Event("t", "n", "{}", vendor: "dropbox"));

        Assert.StartsWith(expected, record, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cef")]
    [InlineData("leef")]
    public void Create_WithAVendorListedTwice_Throws(string format)
    {
        var exception = Assert.Throws<ArgumentException>(() => EventFormatters.Create(format, [Acme, Acme with { Vendor = "ACME" }]));

        Assert.Contains("names vendor 'ACME' twice", exception.Message, StringComparison.Ordinal);
    }

    private static KeyValueDialect<TestKey> Dialect(bool escapesJson = false, JsonMeasure measure = JsonMeasure.Utf8Bytes)
    {
        // Without escaping on the wire, JSON gets the separator as a JSON escape once, when it is added (as LEEF does).
        var values = KeyValueEscaping.Create(new Dictionary<char, string> { [';'] = @"\;" }, lineBreak: " ");
        var json = KeyValueEscaping.Create(new Dictionary<char, string> { [';'] = @"\u003b" }, lineBreak: " ");
        return new KeyValueDialect<TestKey>(key => key switch
        {
            TestKey.Vendor or TestKey.Product or TestKey.Version => new(key.ToString().ToLowerInvariant(), 63),
            TestKey.Title => new("title", 100),
            TestKey.Time => new("time"),
            TestKey.Note => new("note", 1000, ShortenedToFit: true),
            _ => new("data", 4000),
        })
        {
            Name = "TEST",
            Signature = "TEST:1|"u8.ToArray(),
            ProductKeys = (TestKey.Vendor, TestKey.Product, TestKey.Version),
            Header = KeyValueEscaping.Create(new Dictionary<char, string> { ['|'] = "/" }, lineBreak: " "),
            Values = values,
            Separator = (byte)';',
            EscapesJson = escapesJson,
            JsonRewrite = escapesJson ? null : json,
            JsonWireMeasure = measure,
            TruncationOpening = "cut="u8.ToArray(),
        };
    }

    private static AuditEvent Event(string title, string note, string json, string vendor = "acme") => new()
    {
        Id = "test:1",
        Vendor = vendor,
        Source = "test",
        Time = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000),
        Category = "c",
        Action = title,
        Description = note,
        Sections = [new EventSection("data", "Data", Encoding.UTF8.GetBytes(json))],
        Raw = "{}"u8.ToArray(),
    };

    private static string Write(KeyValueRecordWriter<TestKey> writer, AuditEvent auditEvent, int maxBytes, out FormatResult result)
    {
        var output = new ArrayBufferWriter<byte>();
        result = writer.Write(auditEvent, output, maxBytes, new Layout());
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static string Format(IEventFormatter formatter, AuditEvent auditEvent)
    {
        var output = new ArrayBufferWriter<byte>();
        formatter.Format(auditEvent, output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    /// <summary>A layout is a plug-in: which event property goes to which key.</summary>
    private sealed class Layout : IKeyValueLayout<TestKey>
    {
        public int MaxFields(AuditEvent auditEvent) => 4;

        public void Build(AuditEvent auditEvent, ref KeyValueFieldList<TestKey> fields)
        {
            fields.AddHeader(TestKey.Title, auditEvent.Action);
            fields.AddNumber(TestKey.Time, auditEvent.Time.ToUnixTimeMilliseconds());
            fields.AddText(TestKey.Note, auditEvent.Description);
            fields.AddJson(TestKey.Data, auditEvent.Sections[0].Json);
        }
    }
}
