using System.Text;
using System.Text.Unicode;
using AuditBridge.Formats;

namespace AuditBridge.Core.Tests.Formats.Csv;

public sealed class CsvFormatterContractTests : FormatterContractTests
{
    protected override string GoldenSuffix => ".csv";

    protected override IEventFormatter CreateFormatter() => EventFormatters.Csv();

    protected override void AssertOneRecord(byte[] record)
    {
        Assert.True(Utf8.IsValid(record), "The record is not valid UTF-8.");

        // CR and LF may only appear inside quoted cells; the reader rejects them anywhere else. The sink's framer adds
        // the CRLF record separator, so the record itself must not end with one.
        Assert.False(record.AsSpan().EndsWith("\r\n"u8), "The formatter wrote framing (a trailing CRLF).");
        var records = CsvTestReader.Read(Encoding.UTF8.GetString(record) + "\r\n");

        var only = Assert.Single(records);
        Assert.Equal(26, only.Length);
    }
}
