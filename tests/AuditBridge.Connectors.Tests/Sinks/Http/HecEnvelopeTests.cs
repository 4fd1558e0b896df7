using System.Buffers;
using System.Text;
using AuditBridge.Sinks.Http;
using AuditBridge.TestKit;

namespace AuditBridge.Connectors.Tests.Sinks.Http;

public sealed class HecEnvelopeTests
{
    [Theory]
    [InlineData("2024-05-03T10:41:07.000Z", "1714732867.000")]
    [InlineData("2024-05-03T10:41:07.005Z", "1714732867.005")]
    [InlineData("2024-05-03T10:41:07.999Z", "1714732867.999")]
    [InlineData("1970-01-01T00:00:00.000Z", "0.000")]
    [InlineData("1969-12-31T23:59:59.500Z", "-0.500")]
    public void Write_EventTime_IsEpochSecondsWithThreeDecimals(string time, string expected)
    {
        using var envelope = new HecEnvelope("h", source: null, sourcetype: null, index: null, recordIsJson: true);
        var output = new ArrayBufferWriter<byte>();

        envelope.Write(output, Some.Event(time: DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture)), "{}"u8);

        Assert.StartsWith($"{{\"time\":{expected},", Encoding.UTF8.GetString(output.WrittenSpan), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_StringRecord_EscapesOnlyWhatJsonRequires()
    {
        using var envelope = new HecEnvelope("h", "s", "st", "i", recordIsJson: false);
        var output = new ArrayBufferWriter<byte>();
        var auditEvent = Some.Event(time: new DateTimeOffset(2024, 5, 3, 10, 41, 7, TimeSpan.Zero));

        envelope.Write(output, auditEvent, Encoding.UTF8.GetBytes("CEF:0|a\\|b|é <x> \"q\"\u0001"));

        Assert.Equal(
            "{\"time\":1714732867.000,\"host\":\"h\",\"source\":\"s\",\"sourcetype\":\"st\",\"index\":\"i\",\"event\":\"CEF:0|a\\\\|b|é <x> \\\"q\\\"\\u0001\"}",
            Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void GetLength_IsWhatWriteAddsAroundTheRecord()
    {
        using var envelope = new HecEnvelope("collector-01", null, null, null, recordIsJson: false);
        var auditEvent = Some.Event();
        var record = Encoding.UTF8.GetBytes("CEF:0|quote\"|back\\slash");
        var output = new ArrayBufferWriter<byte>();

        envelope.Write(output, auditEvent, record);
        var length = envelope.GetLength(auditEvent, record);

        Assert.Equal(output.WrittenCount - record.Length, length);
        Assert.True(envelope.GetMinimumLength(auditEvent) <= length);
    }
}
