using System.Text.Json;
using AuditBridge.Sources.Dropbox;
using BenchmarkDotNet.Attributes;

namespace AuditBridge.Benchmarks;

/// <summary>What a source does per event before any format: parse the page, hash for the id, map. One operation = one event.</summary>
[Config(typeof(BenchmarkConfig))]
public class DropboxMappingBenchmarks
{
    private const int Events = 1_000;

    private byte[] _page = [];
    private JsonDocument? _document;
    private JsonElement[] _events = [];
    private DropboxEventMapper _mapper = EventMix.Mapper();

    [GlobalSetup]
    public void Setup()
    {
        _page = EventMix.Page(Events);
        _document = JsonDocument.Parse(_page);
        _events = [.. _document.RootElement.GetProperty("events").EnumerateArray()];
        _mapper = EventMix.Mapper();
    }

    [GlobalCleanup]
    public void Cleanup() => _document?.Dispose();

    [Benchmark(OperationsPerInvoke = Events)]
    public int ParsePage()
    {
        using var document = JsonDocument.Parse(_page);
        return document.RootElement.GetProperty("events").GetArrayLength();
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public int ContentId()
    {
        var total = 0;
        foreach (var element in _events)
        {
            total += DropboxEventMapper.ContentId(element).Length;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public int Map()
    {
        var total = 0;
        foreach (var element in _events)
        {
            total += _mapper.Map(element, "dbx:x").Sections.Count;
        }

        return total;
    }
}
