using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text;
using AuditBridge.Formats;
using AuditBridge.Formats.Leef;
using AuditBridge.Framing;
using AuditBridge.Sources;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Receivers;

namespace AuditBridge.Core.Tests.Formats.Leef;

/// <summary>
/// Transport check with a real syslog-ng (Debian's syslog-ng-core, TestKit's receiver): LEEF records in RFC 5424 over
/// TCP with octet counting, and in RFC 3164 over TCP with LF framing, each arrive as exactly one message carrying the
/// record byte for byte, which the strict reader then reads as it read the record before sending. syslog-ng 3.38 has
/// no LEEF parser (reference §7), and the receiver's config has no kv-parser, so parsing stays with the strict reader.
/// </summary>
public sealed class LeefSyslogNgTests
{
    private static readonly DateTimeOffset SentAt = new(2024, 5, 3, 10, 41, 7, 123, TimeSpan.Zero);

    [Theory]
    [InlineData(SyslogHeaderFormat.Rfc5424)]
    [InlineData(SyslogHeaderFormat.Rfc3164)]
    public async Task Send_GoldenAndHostileRecords_ArriveAsOneMessageEachWithTheRecordUnchanged(SyslogHeaderFormat format)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var host = format == SyslogHeaderFormat.Rfc5424 ? "leef-5424" : "leef-3164";
        var records = Records();
        await using var receiver = await SyslogNgReceiver.StartAsync(cancellationToken);

        await SendAsync(receiver, format, host, records, cancellationToken);

        var messages = await receiver.WaitForMessagesAsync(records.Count, TimeSpan.FromSeconds(30), m => m.Host == host, cancellationToken);
        Assert.Equal(records.Count, messages.Count);
        for (var i = 0; i < records.Count; i++)
        {
            Assert.Equal(records[i], messages[i].Record);
            Assert.Equal(LeefTestReader.Read(records[i], LeefFormatterContractTests.GoldenSectionKeys), LeefTestReader.Read(messages[i].Record, LeefFormatterContractTests.GoldenSectionKeys), LeefRecordComparer.Instance);
        }
    }

    private static List<string> Records()
    {
        var caret = EventFormatters.Leef(new LeefFormatterOptions { Products = VendorProducts.All });
        var tab = EventFormatters.Leef(new LeefFormatterOptions { Delimiter = "x09", Products = VendorProducts.All });
        var records = GoldenCases.Names.Select(name => Format(caret, GoldenCases.Get(name))).ToList();
        records.AddRange(Some.HostileStrings.Select(value => Format(tab, GoldenCases.Hostile(value))));
        return records;
    }

    private static async Task SendAsync(SyslogNgReceiver receiver, SyslogHeaderFormat format, string host, List<string> records, CancellationToken cancellationToken)
    {
        var writer = new SyslogHeaderWriter(format, SyslogFacility.Local4, host, "auditbridge");
        var framer = Framers.For(format == SyslogHeaderFormat.Rfc5424 ? FramingMethod.OctetCounting : FramingMethod.Newline);
        var wire = new ArrayBufferWriter<byte>();
        foreach (var record in records)
        {
            var message = new ArrayBufferWriter<byte>();
            writer.WriteMessage(message, SentAt, 5, Encoding.UTF8.GetBytes(record));
            framer.Frame(message.WrittenSpan, wire);
        }

        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, format == SyslogHeaderFormat.Rfc5424 ? receiver.TcpPort : receiver.TcpLfPort, cancellationToken);
        var stream = client.GetStream();
        await stream.WriteAsync(wire.WrittenMemory, cancellationToken);
        await stream.FlushAsync(cancellationToken);
        client.Client.Shutdown(SocketShutdown.Send);
    }

    private static string Format(IEventFormatter formatter, AuditBridge.Events.AuditEvent auditEvent)
    {
        var output = new ArrayBufferWriter<byte>();
        formatter.Format(auditEvent, output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private sealed class LeefRecordComparer : IEqualityComparer<LeefRecord>
    {
        public static readonly LeefRecordComparer Instance = new();

        public bool Equals(LeefRecord? x, LeefRecord? y) =>
            x is not null && y is not null
            && (x.Vendor, x.Product, x.Version, x.EventId, x.DelimiterField) == (y.Vendor, y.Product, y.Version, y.EventId, y.DelimiterField)
            && x.Attributes.SequenceEqual(y.Attributes);

        public int GetHashCode(LeefRecord obj) => obj.EventId.GetHashCode(StringComparison.Ordinal);
    }
}
