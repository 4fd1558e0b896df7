using System.Text;
using AuditBridge.Events;
using AuditBridge.Sinks;
using AuditBridge.Sinks.Stdout;
using AuditBridge.TestKit;

namespace AuditBridge.Connectors.Tests.Sinks.Stdout;

public sealed class StdoutSinkTests
{
    [Fact]
    public async Task ProbeAsync_SaysThereIsNothingToConnectToAndWritesNothing()
    {
        var output = new RecordingStream();
        await using var sink = StdoutSinkFactory.Create(new StdoutSinkOptions(), new TestCefFormatter(), output);

        var checkedWhat = await Assert.IsAssignableFrom<ISinkProbe>(sink).ProbeAsync(TestContext.Current.CancellationToken);

        Assert.Equal("opened; nothing to connect to before the first event", checkedWhat);
        Assert.Equal(0, output.Writes);
    }

    [Fact]
    public async Task WriteAsync_Batch_WritesOneLfTerminatedRecordPerEventAndFlushes()
    {
        var formatter = new TestCefFormatter();
        var output = new RecordingStream();
        await using var sink = StdoutSinkFactory.Create(new StdoutSinkOptions(), formatter, output);
        IReadOnlyList<AuditEvent> batch = [Some.Event(), Some.Event(actor: new Principal(PrincipalKind.User, Email: "line1\nline2"))];

        await sink.WriteAsync(batch, TestContext.Current.CancellationToken);

        Assert.Equal(string.Concat(batch.Select(e => formatter.FormatToString(e) + "\n")), output.Text);
        Assert.Equal(1, output.Writes);
        Assert.Equal(1, output.Flushes);
        Assert.Equal(2, sink.Statistics.Records);
        Assert.Equal(output.Length, sink.Statistics.Bytes);
    }

    [Fact]
    public async Task WriteAsync_CsvFormat_WritesTheHeaderOnceAndCrLfRecords()
    {
        var formatter = new TestCefFormatter("csv", fileHeader: "id,action\r\n");
        var output = new RecordingStream();
        await using var sink = StdoutSinkFactory.Create(new StdoutSinkOptions(), formatter, output);
        var auditEvent = Some.Event();

        await sink.WriteAsync([auditEvent], TestContext.Current.CancellationToken);
        await sink.WriteAsync([auditEvent], TestContext.Current.CancellationToken);

        var record = formatter.FormatToString(auditEvent);
        Assert.Equal($"id,action\r\n{record}\r\n{record}\r\n", output.Text);
    }

    [Fact]
    public async Task DisposeAsync_LeavesTheStreamOpen()
    {
        var output = new RecordingStream();
        var sink = StdoutSinkFactory.Create(new StdoutSinkOptions(), new TestCefFormatter(), output);
        await sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken);

        await sink.DisposeAsync();

        Assert.True(output.CanWrite);
    }

    [Fact]
    public async Task WriteAsync_WhenTheStreamIsClosed_ThrowsPermanentSinkException()
    {
        var output = new RecordingStream();
        await using var sink = StdoutSinkFactory.Create(new StdoutSinkOptions(), new TestCefFormatter(), output);
        output.Dispose();

        var error = await Assert.ThrowsAsync<SinkException>(() => sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken).AsTask());

        Assert.False(error.IsTransient);
        Assert.Equal(0, sink.Statistics.Records);
    }

    private sealed class RecordingStream : MemoryStream
    {
        public int Writes { get; private set; }

        public int Flushes { get; private set; }

        public string Text => Encoding.UTF8.GetString(ToArray());

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Writes++;
            return base.WriteAsync(buffer, cancellationToken);
        }

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            Flushes++;
            return base.FlushAsync(cancellationToken);
        }
    }
}
