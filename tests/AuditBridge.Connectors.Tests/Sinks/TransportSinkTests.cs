using AuditBridge.Events;
using AuditBridge.Framing;
using AuditBridge.Sinks;
using AuditBridge.TestKit;

namespace AuditBridge.Connectors.Tests.Sinks;

/// <summary>
/// The engine under every sink type, over a scripted transport: what the contract suite cannot make a real transport do
/// on demand (fail after part of a batch, let a timeout of its own escape, hold a batch while the sink is disposed).
/// Every real transport passes <c>SinkContractTests</c> through this same class.
/// </summary>
public sealed class TransportSinkTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WriteAsync_WhenTheTransportFailsAfterDeliveringPart_CountsOnlyThePartItReported()
    {
        var transport = new ScriptedTransport((batch, _) =>
        {
            batch.Delivered(1);
            batch.Delivered(2);
            throw new SinkException("Request 2 of 2 failed.", isTransient: true);
        });
        await using var sink = Create(transport);
        IReadOnlyList<AuditEvent> events = [Some.Event(), Some.Event(), Some.Event()];

        var error = await Assert.ThrowsAsync<SinkException>(() => sink.WriteAsync(events, Token).AsTask());

        Assert.True(error.IsTransient);
        Assert.Equal(2, sink.Statistics.Records);
        Assert.Equal(transport.Sent[0].Records[0].Length + transport.Sent[0].Records[1].Length, sink.Statistics.Bytes);
    }

    [Fact]
    public async Task WriteAsync_WhenTheTransportCompletes_CountsEveryRecordOnceWhateverItReported()
    {
        var transport = new ScriptedTransport((batch, _) =>
        {
            batch.Delivered(Math.Min(2, batch.Records.Count));
            return ValueTask.CompletedTask;
        });
        await using var sink = Create(transport);

        await sink.WriteAsync([Some.Event(), Some.Event(), Some.Event()], Token);
        await sink.WriteAsync([Some.Event()], Token);

        Assert.Equal(4, sink.Statistics.Records);
        Assert.Equal(transport.Sent.Sum(b => b.Bytes.Length), sink.Statistics.Bytes);
    }

    [Fact]
    public async Task WriteAsync_WhenTheTransportLetsItsOwnTimeoutEscape_ThrowsTransientSinkExceptionNamingTheDestination()
    {
        var transport = new ScriptedTransport((_, _) => throw new OperationCanceledException("The operation was canceled."));
        await using var sink = Create(transport);

        var error = await Assert.ThrowsAsync<SinkException>(() => sink.WriteAsync([Some.Event(), Some.Event()], Token).AsTask());

        Assert.True(error.IsTransient);
        Assert.Equal(
            "Sending 2 records to scripted://receiver was cancelled without a stop being asked for (The operation was canceled.). The batch will be sent again.",
            error.Message);
        Assert.Equal(0, sink.Statistics.Records);
    }

    [Fact]
    public async Task WriteAsync_WhenTheCallerCancels_ThrowsTheCancellationUnchanged()
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var transport = new ScriptedTransport(async (_, token) =>
        {
            await stop.CancelAsync();
            token.ThrowIfCancellationRequested();
        });
        await using var sink = Create(transport);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sink.WriteAsync([Some.Event()], stop.Token).AsTask());

        Assert.Equal(0, sink.Statistics.Records);
    }

    [Fact]
    public async Task WriteAsync_WhenAnEventCannotBeEncoded_FailsPermanentlyBeforeTheTransportSeesTheBatch()
    {
        var transport = new ScriptedTransport((_, _) => ValueTask.CompletedTask);
        await using var sink = new TransportSink(transport, new BatchEncoder(new TestCefFormatter(), envelope: null, Framers.For(FramingMethod.Newline), maxMessageBytes: 10));

        var error = await Assert.ThrowsAsync<SinkException>(() => sink.WriteAsync([Some.Event(), Some.Event()], Token).AsTask());

        Assert.False(error.IsTransient);
        Assert.Empty(transport.Sent);
    }

    [Fact]
    public async Task DisposeAsync_DuringABatch_ClosesTheTransportOnlyAfterTheBatchIsDone()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var transport = new ScriptedTransport(async (_, _) =>
        {
            sending.SetResult();
            await release.Task;
        });
        var sink = Create(transport);
        var write = sink.WriteAsync([Some.Event()], Token).AsTask();
        await sending.Task.WaitAsync(Token);

        var dispose = sink.DisposeAsync().AsTask();
        var closedDuringTheBatch = transport.IsDisposed;
        release.SetResult();
        await write.WaitAsync(Token);
        await dispose.WaitAsync(Token);

        Assert.False(closedDuringTheBatch);
        Assert.True(transport.IsDisposed);
        Assert.Equal(1, sink.Statistics.Records);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => sink.ProbeAsync(Token).AsTask());
    }

    [Fact]
    public async Task ProbeAsync_AsksTheTransport()
    {
        await using var sink = Create(new ScriptedTransport((_, _) => ValueTask.CompletedTask));

        var checkedWhat = await sink.ProbeAsync(Token);

        Assert.Equal("scripted probe", checkedWhat);
    }

    private static TransportSink Create(ScriptedTransport transport) =>
        new(transport, new BatchEncoder(new TestCefFormatter(), envelope: null, Framers.For(FramingMethod.Newline)));

    private sealed class ScriptedTransport(Func<OutgoingBatch, CancellationToken, ValueTask> send) : ISinkTransport
    {
        public List<(byte[] Bytes, EncodedRecord[] Records)> Sent { get; } = [];

        public bool IsDisposed { get; private set; }

        public DeliveryGuarantee Guarantee => DeliveryGuarantee.AtLeastOnce;

        public string Destination => "scripted://receiver";

        public ValueTask SendAsync(OutgoingBatch batch, CancellationToken cancellationToken)
        {
            Sent.Add((batch.Bytes.ToArray(), [.. batch.Records]));
            return send(batch, cancellationToken);
        }

        public ValueTask<string> ProbeAsync(CancellationToken cancellationToken) => ValueTask.FromResult("scripted probe");

        public ValueTask DisposeAsync()
        {
            IsDisposed = true;
            return ValueTask.CompletedTask;
        }
    }
}
