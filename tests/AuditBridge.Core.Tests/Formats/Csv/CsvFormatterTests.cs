using System.Buffers;
using System.Text;
using AuditBridge.Events;
using AuditBridge.Formats;
using AuditBridge.Formats.Csv;
using AuditBridge.TestKit;

namespace AuditBridge.Core.Tests.Formats.Csv;

public sealed class CsvFormatterTests
{
    private static readonly string[] Columns =
    [
        "time", "id", "vendor", "source", "category", "action", "description", "severity", "outcome",
        "actor_kind", "actor_id", "actor_email", "actor_name", "target_kind", "target_id", "target_email", "target_name",
        "ip", "geo_country", "geo_region", "geo_city", "object_name", "object_path", "object_id", "objects", "details",
    ];

    [Fact]
    public void FileHeader_IsTheColumnLineWithCrlf()
    {
        var header = Encoding.UTF8.GetString(EventFormatters.Csv().FileHeader.Span);

        Assert.Equal(string.Join(",", Columns) + "\r\n", header);
    }

    [Fact]
    public void FileHeader_WithByteOrderMark_StartsWithIt()
    {
        var header = EventFormatters.Csv(new CsvFormatterOptions { ByteOrderMark = true }).FileHeader.ToArray();

        Assert.Equal([0xEF, 0xBB, 0xBF, (byte)'t'], header[..4]);
    }

    [Fact]
    public void Format_Event_WritesEveryColumn()
    {
        var cells = Row(GoldenCases.Event(outcome: EventOutcome.Failure, severity: 6));

        Assert.Equal(
            ["2024-05-03T10:41:07.123Z", "dbx:5f1c2a9e0b7d4c3a", "dropbox", "acme-dropbox", "file_operations", "file_download",
             "Downloaded files and/or folders", "6", "failure",
             "user", "dbmid:AAC9dE8fG7hI6jK5lM4nO3pQ2rS1tU0vW9x", "t.wilk@northwind.example", "Tomasz Wilk",
             "user", "dbmid:AAD1aB2cC3dD4eE5fF6gG7hH8iI9jJ0kK1l", "a.nowak@northwind.example", "Anna Nowak",
             "198.51.100.23", "PL", "Mazowieckie", "Warsaw", "forecast-v3.xlsx", "/Finance/Q2/forecast-v3.xlsx", "id:Yk3mP0qR8sTAAAAAAAABcw",
             """[{"kind":"file","name":"forecast-v3.xlsx","path":"/Finance/Q2/forecast-v3.xlsx","id":"id:Yk3mP0qR8sTAAAAAAAABcw"}]""",
             """{".tag":"file_download_details","note":"line1\nline2 = \"quoted\" \\ back"}"""],
            cells);
    }

    [Fact]
    public void Format_EventWithoutOptionalValues_LeavesTheirCellsEmpty()
    {
        var cells = Row(GoldenCases.Event(description: null, actor: null, target: null, ip: null, objects: [], sections: [], geo: new GeoLocation(null, null, null)));

        Assert.All(new[] { 6, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25 }, i => Assert.Equal(string.Empty, cells[i]));
    }

    [Fact]
    public void Format_Details_IsTheSectionNamedDetailsWhereverItIs()
    {
        var cells = Row(GoldenCases.Event(sections: [Some.Section("actor", "A", "{\"a\":1}"), Some.Section("details", "D", " {\"d\":2} ")]));

        Assert.Equal("{\"d\":2}", cells[25]);
    }

    [Fact]
    public void Format_HostileStrings_RoundTripThroughAStrictReader()
    {
        foreach (var value in Some.HostileStrings)
        {
            var cells = Row(GoldenCases.Hostile(value));

            var guarded = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
            Assert.Equal(guarded, cells[6]);
            Assert.Equal(guarded, cells[4]);
            Assert.Equal(guarded, cells[12]);
            Assert.Equal("/Shared/" + value, cells[22]);
        }
    }

    [Fact]
    public void Format_WithBudgetSmallerThanTheRecord_ThrowsNotSupportedAndWritesNothing()
    {
        var output = new ArrayBufferWriter<byte>();

        var exception = Assert.Throws<NotSupportedException>(() => EventFormatters.Csv().Format(GoldenCases.Event(), output, 100));

        Assert.Contains("never shortened", exception.Message, StringComparison.Ordinal);
        Assert.Equal(0, output.WrittenCount);
    }

    private static string[] Row(AuditEvent auditEvent)
    {
        var output = new ArrayBufferWriter<byte>();
        EventFormatters.Csv().Format(auditEvent, output);

        // The formatter writes no framing; file and stdout sinks end each record with CRLF.
        var records = CsvTestReader.Read(Encoding.UTF8.GetString(output.WrittenSpan) + "\r\n");
        var only = Assert.Single(records);
        Assert.Equal(Columns.Length, only.Length);
        return only;
    }
}
