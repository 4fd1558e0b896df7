using AuditBridge.Cli.Terminal;
using AuditBridge.TestKit.Time;

namespace AuditBridge.Tests.Cli.Terminal;

public sealed class ProgressReporterTests
{
    private static readonly DateTimeOffset T0 = new(2024, 5, 3, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Page_OnATerminal_RedrawsOneLiveLineAtMostFourTimesASecond_AndFinishReplacesItWithTheSummary()
    {
        var error = new StringWriter();
        var time = new FakeTimeProvider(T0);
        var progress = new ProgressReporter(new StderrConsole(error, isInteractive: true), time, quiet: false);

        time.Advance(TimeSpan.FromSeconds(1));
        progress.Page(1000, 0, T0.AddMinutes(-5));
        progress.Page(1000, 0, T0.AddMinutes(-4));
        time.Advance(TimeSpan.FromSeconds(1));
        progress.Page(500, 2, T0.AddMinutes(-3));
        progress.Finish("done");

        var text = error.ToString();
        Assert.Equal(2, text.Split("pulling:").Length - 1);
        Assert.Contains("\r\u001b[Kpulling: 1,000 events in 1 pages", text, StringComparison.Ordinal);
        Assert.Contains("pulling: 2,500 events in 3 pages, 1,250 events/s, newest event 2024-05-03T09:57:00Z, 2 repeated events dropped", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\u001b[Kdone: 2,500 events in 3 pages, 1,250 events/s, newest event 2024-05-03T09:57:00Z, 2 repeated events dropped" + Environment.NewLine, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Page_WhenNotATerminal_PrintsOnlyTheSummary_AndNothingWhenQuiet()
    {
        var error = new StringWriter();
        var quietError = new StringWriter();
        var time = new FakeTimeProvider(T0);
        var progress = new ProgressReporter(new StderrConsole(error, isInteractive: false), time, quiet: false);
        var quiet = new ProgressReporter(new StderrConsole(quietError, isInteractive: true), time, quiet: true);

        progress.Page(10, 0, null);
        quiet.Page(10, 0, null);
        progress.Finish("done");
        quiet.Finish("done");

        Assert.Equal("done: 10 events in 1 pages, 0 events/s" + Environment.NewLine, error.ToString());
        Assert.Empty(quietError.ToString());
    }
}
