using System.Globalization;

namespace AuditBridge.Cli.Terminal;

/// <summary>
/// Tells what a pull is doing: on a terminal a live line (pages, events, events/s, newest event time), otherwise one
/// summary line at the end, and nothing with <c>--quiet</c>. Redraws at most four times a second.
/// </summary>
internal sealed class ProgressReporter
{
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(250);

    private readonly StderrConsole _console;
    private readonly TimeProvider _time;
    private readonly bool _quiet;
    private readonly long _started;
    private long _lastDrawn;
    private long _pages;
    private long _events;
    private long _duplicates;
    private DateTimeOffset? _newest;

    public ProgressReporter(StderrConsole console, TimeProvider time, bool quiet)
    {
        _console = console;
        _time = time;
        _quiet = quiet;
        _started = time.GetTimestamp();
        _lastDrawn = _started - (long)(RedrawInterval.TotalSeconds * time.TimestampFrequency);
    }

    public long Events => _events;

    public void Page(int events, int duplicates, DateTimeOffset? newest)
    {
        _pages++;
        _events += events;
        _duplicates += duplicates;
        if (newest is not null)
        {
            _newest = newest;
        }

        if (_quiet || !_console.IsInteractive)
        {
            return;
        }

        var now = _time.GetTimestamp();
        if (_time.GetElapsedTime(_lastDrawn, now) >= RedrawInterval)
        {
            _lastDrawn = now;
            _console.SetLiveLine(Line("pulling"));
        }
    }

    /// <summary>Ends the live line and prints the summary (unless quiet).</summary>
    public void Finish(string outcome, string? extra = null)
    {
        _console.ClearLiveLine();
        if (!_quiet)
        {
            _console.WriteLine(Line(outcome) + (extra is null ? string.Empty : "; " + extra));
        }
    }

    private string Line(string verb)
    {
        var elapsed = _time.GetElapsedTime(_started);
        var rate = elapsed.TotalSeconds > 0 ? _events / elapsed.TotalSeconds : 0;
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"{verb}: {_events:N0} events in {_pages:N0} pages, {rate:N0} events/s");
        if (_newest is { } newest)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", newest event {newest:yyyy-MM-dd'T'HH:mm:ss'Z'}");
        }

        if (_duplicates > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", {_duplicates:N0} repeated events dropped");
        }

        return text;
    }
}
