using System.Buffers;
using AuditBridge.Events;
using AuditBridge.Formats;
using AuditBridge.Formats.Cef;
using AuditBridge.Sources;
using BenchmarkDotNet.Attributes;

namespace AuditBridge.Benchmarks;

/// <summary>Formatting each vendor's simulator mix (<see cref="EventMix"/>); one operation = one event.</summary>
[Config(typeof(BenchmarkConfig))]
public class FormatterBenchmarks
{
    private const int Events = 1_000;

    private readonly ArrayBufferWriter<byte> _output = new(1 << 20);
    private AuditEvent[] _events = [];
    private IEventFormatter _formatter = EventFormatters.Cef();

    [Params("dropbox", "box", "dashlane")]
    public string Vendor { get; set; } = "dropbox";

    [Params("cef", "cef-dropbox-blog", "cef-udp-1400", "leef", "json", "csv")]
    public string Format { get; set; } = "cef";

    [GlobalSetup]
    public void Setup()
    {
        _events = EventMix.Mapped(Vendor, Events);
        _formatter = Format switch
        {
            "cef-dropbox-blog" => EventFormatters.Cef(new CefFormatterOptions { Profile = CefProfiles.DropboxBlog, Products = VendorProducts.All }),
            "cef" or "cef-udp-1400" => EventFormatters.Cef(new CefFormatterOptions { Products = VendorProducts.All }),
            _ => EventFormatters.Create(Format, VendorProducts.All),
        };
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public int FormatEvents()
    {
        // A UDP datagram of 1,400 bytes minus a typical RFC 5424 header leaves about 1,300 bytes for the record.
        var budget = Format == "cef-udp-1400" ? 1_300 : int.MaxValue;
        var total = 0;
        foreach (var auditEvent in _events)
        {
            _output.ResetWrittenCount();
            total += _formatter.Format(auditEvent, _output, budget).BytesWritten;
        }

        return total;
    }
}
