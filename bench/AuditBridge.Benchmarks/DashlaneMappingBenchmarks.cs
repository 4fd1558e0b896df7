using AuditBridge.Sources.Dashlane;
using BenchmarkDotNet.Attributes;

namespace AuditBridge.Benchmarks;

/// <summary>
/// What the Dashlane source does per log before any format: parse and validate the JSON line dcli printed, map (the id
/// is the log's <c>uuid</c>). One operation = one log of the generated mix (<see cref="EventMix.DashlaneLines"/>).
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class DashlaneMappingBenchmarks
{
    private const int Events = 1_000;

    private byte[][] _lines = [];
    private DashlaneLogLine[] _parsed = [];
    private DashlaneEventMapper _mapper = EventMix.DashlaneMapper();

    [GlobalSetup]
    public void Setup()
    {
        _lines = EventMix.DashlaneLines(Events);
        _parsed = [.. _lines.Select(DashlaneLogLine.Parse)];
        _mapper = EventMix.DashlaneMapper();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var line in _parsed)
        {
            line.Dispose();
        }
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public int ParseLine()
    {
        var total = 0;
        foreach (var raw in _lines)
        {
            using var line = DashlaneLogLine.Parse(raw);
            total += line.LogType.Length;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public int Map()
    {
        var total = 0;
        foreach (var line in _parsed)
        {
            total += _mapper.Map(line).Sections.Count;
        }

        return total;
    }
}
