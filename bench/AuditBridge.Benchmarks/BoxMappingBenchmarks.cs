using System.Text.Json;
using AuditBridge.Sources.Box;
using BenchmarkDotNet.Attributes;

namespace AuditBridge.Benchmarks;

/// <summary>
/// What the Box source does per event before any format: parse the admin_logs page, map (the id is Box's
/// <c>event_id</c>, so there is no hashing step). One operation = one event of the Box simulator's mix.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class BoxMappingBenchmarks
{
    private const int Events = 1_000;

    private byte[] _page = [];
    private JsonDocument? _document;
    private JsonElement[] _events = [];
    private BoxEventMapper _mapper = EventMix.BoxMapper();

    [GlobalSetup]
    public void Setup()
    {
        _page = EventMix.BoxPage(Events);
        _document = JsonDocument.Parse(_page);
        _events = [.. _document.RootElement.GetProperty("entries").EnumerateArray()];
        _mapper = EventMix.BoxMapper();
    }

    [GlobalCleanup]
    public void Cleanup() => _document?.Dispose();

    [Benchmark(OperationsPerInvoke = Events)]
    public int ParsePage()
    {
        using var document = JsonDocument.Parse(_page);
        return document.RootElement.GetProperty("entries").GetArrayLength();
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public int Map()
    {
        var total = 0;
        foreach (var element in _events)
        {
            total += _mapper.Map(element).Sections.Count;
        }

        return total;
    }
}
