using System.Buffers;
using System.Globalization;
using AuditBridge.Events;
using AuditBridge.Journal;
using AuditBridge.Journal.Sqlite;
using AuditBridge.Sources;
using BenchmarkDotNet.Attributes;

namespace AuditBridge.Benchmarks;

/// <summary>
/// The SQLite journal with the simulator's event mix (about 1.1 KB of vendor JSON per event), in pages of 1,000 as the
/// Dropbox source yields them, on a real file in the temp directory. One operation = one event.
/// </summary>
/// <remarks>
/// Appends are durable commits (one transaction and one fsync per page; <c>synchronous=FULL</c> unless the method says
/// otherwise) into a journal that grows during the run, with the checkpoint's window of recent ids (70 minutes, as the
/// Dropbox source keeps it). Every append gets fresh ids (a copy of the page's events, about 0.1 µs per event, is part
/// of the measured time) so that it inserts rather than skips, and times later than the page before, as in a backfill.
/// </remarks>
[Config(typeof(BenchmarkConfig))]
public class JournalBenchmarks
{
    private const int Events = 1_000;
    private const string Source = "dropbox";

    private readonly ArrayBufferWriter<byte> _encoded = new(4096);
    private string _directory = string.Empty;
    private AuditEvent[] _events = [];
    private byte[][] _bodies = [];
    private IJournal? _full;
    private IJournal? _normal;
    private SourcePage? _storedPage;
    private long _readFrom;
    private long _readUpTo;
    private int _generation;
    private TimeSpan _span;

    // BenchmarkDotNet 0.14's in-process toolchain does not await asynchronous setup methods: block here instead.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _directory = Path.Combine(Path.GetTempPath(), "auditbridge-bench-journal-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_directory);
        _events = EventMix.Mapped(Events);
        _bodies = [.. _events.Select(e => AuditEventCodec.Encode(e))];
        _span = _events.Max(e => e.Time) - _events.Min(e => e.Time) + TimeSpan.FromSeconds(10);
        _full = await SqliteJournalFactory.OpenAsync(new SqliteJournalOptions { Path = Path.Combine(_directory, "full.db") }, TimeProvider.System, CancellationToken.None);
        _normal = await SqliteJournalFactory.OpenAsync(new SqliteJournalOptions { Path = Path.Combine(_directory, "normal.db"), SynchronousFull = false }, TimeProvider.System, CancellationToken.None);

        // Twenty pages to read from, and one page to append again as duplicates.
        _readFrom = await _full.GetHeadAsync(CancellationToken.None);
        for (var i = 0; i < 20; i++)
        {
            _storedPage = NextPage();
            await _full.AppendAsync(Source, _storedPage, TimeProvider.System.GetUtcNow(), CancellationToken.None);
        }

        _readUpTo = await _full.GetHeadAsync(CancellationToken.None);
    }

    private async Task CleanupAsync()
    {
        if (_full is not null)
        {
            await _full.DisposeAsync();
        }

        if (_normal is not null)
        {
            await _normal.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public async Task<int> AppendPage() =>
        (await _full!.AppendAsync(Source, NextPage(), TimeProvider.System.GetUtcNow(), CancellationToken.None)).Inserted;

    [Benchmark(OperationsPerInvoke = Events)]
    public async Task<int> AppendPageSynchronousNormal() =>
        (await _normal!.AppendAsync(Source, NextPage(), TimeProvider.System.GetUtcNow(), CancellationToken.None)).Inserted;

    /// <summary>A re-read after a cursor reset: every event is stored already, only the checkpoint changes.</summary>
    [Benchmark(OperationsPerInvoke = Events)]
    public async Task<int> AppendDuplicatePage() =>
        (await _full!.AppendAsync(Source, _storedPage!, TimeProvider.System.GetUtcNow(), CancellationToken.None)).Duplicates;

    [Benchmark(OperationsPerInvoke = Events)]
    public async Task<int> ReadPage()
    {
        var entries = await _full!.ReadAsync(_readFrom, Events, CancellationToken.None);
        _readFrom = _readFrom + Events >= _readUpTo ? 0 : _readFrom + Events;
        return entries.Count;
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public int EncodeEvent()
    {
        var total = 0;
        foreach (var auditEvent in _events)
        {
            _encoded.ResetWrittenCount();
            AuditEventCodec.Encode(auditEvent, _encoded);
            total += _encoded.WrittenCount;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public int DecodeEvent()
    {
        var total = 0;
        for (var i = 0; i < _events.Length; i++)
        {
            total += AuditEventCodec.Decode(_bodies[i], _events[i].Raw).Sections.Count;
        }

        return total;
    }

    /// <summary>The mix with fresh ids, and the checkpoint the Dropbox source would send with it.</summary>
    private SourcePage NextPage()
    {
        var suffix = string.Create(CultureInfo.InvariantCulture, $"-{++_generation}");

        // Each page is later than the last, as in a backfill: the mix's time span shifted forward once per page.
        var shift = _span * _generation;
        var window = new DedupeWindow(TimeSpan.FromMinutes(70));
        var events = new AuditEvent[_events.Length];
        for (var i = 0; i < events.Length; i++)
        {
            var e = _events[i];
            events[i] = new AuditEvent
            {
                Id = e.Id + suffix,
                Vendor = e.Vendor,
                Source = e.Source,
                Time = e.Time + shift,
                Category = e.Category,
                Action = e.Action,
                Description = e.Description,
                Actor = e.Actor,
                Target = e.Target,
                Ip = e.Ip,
                Geo = e.Geo,
                Objects = e.Objects,
                Outcome = e.Outcome,
                Severity = e.Severity,
                Sections = e.Sections,
                Indicators = e.Indicators,
                Raw = e.Raw,
            };
            window.TryAdd(events[i].Id, events[i].Time);
        }

        return new SourcePage(events, window.ToCheckpoint("benchmark-cursor" + suffix), HasMore: true);
    }
}
