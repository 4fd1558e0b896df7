using System.Text.Json;
using AuditBridge.Sources.Dashlane;
using AuditBridge.Sources.Dropbox;
using BenchmarkDotNet.Attributes;

namespace AuditBridge.Benchmarks;

/// <summary>
/// Vendor data to normalized events, each vendor by its real source path, for the issue-3 target "Box and Dashlane
/// conversion at least as fast as Dropbox's": Dropbox = parse the get_events page + content id (SHA-256) + map; Box =
/// parse the admin_logs page + map; Dashlane = parse each dcli JSON line + map. One operation = one event.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class ConversionBenchmarks
{
    private const int Events = 1_000;

    private byte[] _page = [];
    private byte[][] _lines = [];

    [Params("dropbox", "box", "dashlane")]
    public string Vendor { get; set; } = "dropbox";

    [GlobalSetup]
    public void Setup()
    {
        _page = Vendor switch
        {
            "dropbox" => EventMix.Page(Events),
            "box" => EventMix.BoxPage(Events),
            _ => [],
        };
        _lines = Vendor == "dashlane" ? EventMix.DashlaneLines(Events) : [];
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public int Convert()
    {
        var total = 0;
        switch (Vendor)
        {
            case "dropbox":
            {
                var mapper = EventMix.Mapper();
                using var page = JsonDocument.Parse(_page);
                foreach (var element in page.RootElement.GetProperty("events").EnumerateArray())
                {
                    total += mapper.Map(element, DropboxEventMapper.ContentId(element)).Sections.Count;
                }

                break;
            }

            case "box":
            {
                var mapper = EventMix.BoxMapper();
                using var page = JsonDocument.Parse(_page);
                foreach (var element in page.RootElement.GetProperty("entries").EnumerateArray())
                {
                    total += mapper.Map(element).Sections.Count;
                }

                break;
            }

            default:
            {
                var mapper = EventMix.DashlaneMapper();
                foreach (var raw in _lines)
                {
                    using var line = DashlaneLogLine.Parse(raw);
                    total += mapper.Map(line).Sections.Count;
                }

                break;
            }
        }

        return total;
    }
}
