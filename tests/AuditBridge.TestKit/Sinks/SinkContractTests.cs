using System.Text;
using AuditBridge.Events;
using AuditBridge.Sinks;

namespace AuditBridge.TestKit.Sinks;

/// <summary>
/// The behaviour every <see cref="ISink"/> promises (docs/sinks.md, the Vector compliance idea; the sink counterpart of
/// <c>JournalContractTests</c>): the bytes at the destination are the formatter's records in their envelope and framing;
/// a write returns only once the destination has (or, best effort, was sent) the batch; a failing destination gives a
/// <see cref="SinkException"/> classified for it; dispose leaves everything delivered; statistics count what was
/// delivered; cancellation stops a write promptly; the guarantee is declared. A derived class runs a real destination
/// (a loopback receiver, a file, a pipe), never a mock of the transport, and says what it must hold.
/// </summary>
/// <remarks>
/// Each test creates its own sink through the derived class and disposes it. A derived class that owns receivers
/// disposes them itself (xUnit disposes a test class that implements <see cref="IAsyncDisposable"/>).
/// </remarks>
public abstract class SinkContractTests
{
    /// <summary>
    /// How long a destination that reads on its own time (a socket receiver, a pipe's reader) may take to hold what a
    /// write flushed to it, and how long a cancelled write may take to stop.
    /// </summary>
    protected static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>The guarantee the sink must declare (UDP: best effort).</summary>
    protected abstract DeliveryGuarantee Guarantee { get; }

    /// <summary>
    /// True when the destination holds a batch the moment the write returns (a file; an HTTP collector, whose 2xx
    /// follows reading the body). False when it reads on its own time what the sink flushed into a socket or a pipe:
    /// the suite then waits for the bytes, up to <see cref="Timeout"/>, without another call on the sink.
    /// </summary>
    protected abstract bool ReceivesSynchronously { get; }

    /// <summary>A sink that writes to this test's destination.</summary>
    protected abstract Task<ISink> CreateSinkAsync();

    /// <summary>
    /// What one event must become at the destination: the formatter's record in the sink's envelope (syslog header, HEC
    /// event) and framing, written out independently of the code under test.
    /// </summary>
    protected abstract string OnTheWire(AuditEvent auditEvent);

    /// <summary>Everything this test's destination holds now, in the order it arrived (every file header excluded).</summary>
    protected abstract byte[] Received();

    /// <summary>
    /// Sinks whose destination fails every write (nothing listens, the receiver refuses, the disk is full, the pipe's
    /// reader is gone), each with the classification its failure must get: one per kind of failure the transport can
    /// meet on loopback, at least one. A transport that knows both kinds gives one of each.
    /// </summary>
    protected abstract Task<IReadOnlyList<SinkFailure>> CreateFailingSinksAsync();

    /// <summary>
    /// A sink whose write of the returned batch waits on its destination (a receiver that stops reading or never
    /// answers, a rate limit), with a signal that the write is waiting; null when the destination never makes a write
    /// wait (a local file or a pipe: the kernel takes the bytes or blocks in a call no token can interrupt), where the
    /// suite cancels before the write starts.
    /// </summary>
    protected virtual Task<SinkStall?> CreateStalledSinkAsync() => Task.FromResult<SinkStall?>(null);

    /// <summary>
    /// Records in the batch of <see cref="WriteAsync_BatchOfManyRecords_ArrivesWholeInOrderAndCounted"/>: more than one
    /// unit of a transport that splits a batch (an HTTP request of a sink set to fewer events, one datagram).
    /// </summary>
    protected const int LargeBatch = 120;

    /// <summary>A few events, one with a line break, a pipe, an equals sign and non-ASCII text in its description.</summary>
    protected static IReadOnlyList<AuditEvent> Batch(int count = 3) =>
    [
        .. Enumerable.Range(0, count).Select(i => i == 1
            ? Some.Event(severity: 9, description: "line1\nline2 | pipe = equals é 日本語")
            : Some.Event(severity: i % 11)),
    ];

    /// <summary>Polls <paramref name="condition"/> (a receiver's state) until it holds, for at most <see cref="Timeout"/>.</summary>
    protected static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var start = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            if (TimeProvider.System.GetElapsedTime(start) > Timeout)
            {
                throw new TimeoutException($"Waited {Timeout.TotalSeconds} s for {what}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System, Token);
        }
    }

    [Fact]
    public async Task Guarantee_IsDeclaredForTheTransport()
    {
        await using var sink = await CreateSinkAsync();

        var guarantee = sink.Guarantee;

        Assert.Equal(Guarantee, guarantee);
    }

    [Fact]
    public async Task WriteAsync_Batch_PutsEachFormattedRecordInItsEnvelopeAndFramingAtTheDestination()
    {
        await using var sink = await CreateSinkAsync();
        var batch = Batch();

        await sink.WriteAsync(batch, Token);

        var expected = Expected(batch);
        Assert.Equal(expected, Text(await ReceivedAsync(expected)));
    }

    [Fact]
    public async Task WriteAsync_WhenItReturns_TheDestinationHasEveryBatchSoFarWithoutAnotherCallOnTheSink()
    {
        await using var sink = await CreateSinkAsync();
        var written = new List<AuditEvent>();

        var received = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var batch = Batch(i + 1);
            await sink.WriteAsync(batch, Token);
            written.AddRange(batch);
            received.Add(Text(await ReceivedAsync(Expected(written))));
        }

        Assert.Equal([Expected(written.Take(1)), Expected(written.Take(3)), Expected(written)], received);
    }

    [Fact]
    public async Task WriteAsync_EmptyBatch_SendsAndCountsNothing()
    {
        await using var sink = await CreateSinkAsync();

        await sink.WriteAsync([], Token);

        Assert.Empty(Received());
        Assert.Equal(0, sink.Statistics.Records);
    }

    [Fact]
    public async Task WriteAsync_WhenTheDestinationFails_ThrowsOneLineSinkExceptionClassifiedForItAndCountsNothing()
    {
        var failures = await CreateFailingSinksAsync();

        Assert.NotEmpty(failures);
        foreach (var failure in failures)
        {
            await using var sink = failure.Sink;

            // A UDP sink learns of a receiver that is gone only from the ICMP answer to an earlier datagram.
            Exception? thrown = null;
            var attempts = 0;
            for (; attempts < 50 && thrown is null; attempts++)
            {
                thrown = await Record.ExceptionAsync(() => sink.WriteAsync(Batch(1), Token).AsTask());
            }

            var error = Assert.IsType<SinkException>(thrown);
            Assert.True(failure.IsTransient == error.IsTransient, $"'{error.Message}' should be {(failure.IsTransient ? "transient" : "permanent")}");
            Assert.False(string.IsNullOrWhiteSpace(error.Message));
            Assert.DoesNotContain('\n', error.Message);

            // Every write before the failing one returned (UDP: datagrams that left before the ICMP answer came back)
            // and is counted; the failing one is not.
            Assert.True(
                sink.Statistics.Records == attempts - 1,
                $"{sink.Statistics.Records} records counted after {attempts} attempts that ended in a failure");
        }
    }

    [Fact]
    public async Task WriteAsync_BatchOfManyRecords_ArrivesWholeInOrderAndCounted()
    {
        await using var sink = await CreateSinkAsync();
        var batch = Batch(LargeBatch);

        await sink.WriteAsync(batch, Token);

        var expected = Expected(batch);
        Assert.Equal(expected, Text(await ReceivedAsync(expected)));
        Assert.Equal(LargeBatch, sink.Statistics.Records);
    }

    [Fact]
    public async Task DisposeAsync_AfterWriting_LeavesTheWholeBatchAtTheDestinationAndRefusesLaterWrites()
    {
        var sink = await CreateSinkAsync();
        var batch = Batch();
        await sink.WriteAsync(batch, Token);

        await sink.DisposeAsync();
        await sink.DisposeAsync();

        var expected = Expected(batch);
        Assert.Equal(expected, Text(await ReceivedAsync(expected)));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => sink.WriteAsync(Batch(1), Token).AsTask());
    }

    [Fact]
    public async Task Statistics_AfterBatches_CountEveryDeliveredRecordAndItsBytes()
    {
        await using var sink = await CreateSinkAsync();
        var first = Batch(2);
        var second = Batch(3);

        await sink.WriteAsync(first, Token);
        await sink.WriteAsync(second, Token);

        var expected = Expected([.. first, .. second]);
        Assert.Equal(expected, Text(await ReceivedAsync(expected)));
        Assert.Equal(5, sink.Statistics.Records);
        Assert.Equal(Encoding.UTF8.GetByteCount(expected), sink.Statistics.Bytes);
        Assert.Equal(0, sink.Statistics.Shortened);
    }

    [Fact]
    public async Task WriteAsync_WhenCancelled_ThrowsOperationCanceledPromptly()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var stall = await CreateStalledSinkAsync();
        await using var sink = stall?.Sink ?? await CreateSinkAsync();
        var started = TimeProvider.System.GetTimestamp();

        Task write;
        if (stall is null)
        {
            await cancel.CancelAsync();
            write = sink.WriteAsync(Batch(), cancel.Token).AsTask();
        }
        else
        {
            write = sink.WriteAsync(stall.Batch, cancel.Token).AsTask();
            await stall.WriteIsWaiting().WaitAsync(Timeout, Token);
            Assert.False(write.IsCompleted, $"the write was meant to wait on its destination, but it {(write.IsFaulted ? "failed: " + write.Exception!.InnerException!.Message : "completed")}");
            await cancel.CancelAsync();
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => write.WaitAsync(Timeout, Token));
        Assert.True(TimeProvider.System.GetElapsedTime(started) < Timeout, "the cancelled write took the whole timeout");
        if (stall is null)
        {
            Assert.Empty(Received());
            Assert.Equal(0, sink.Statistics.Records);
        }
    }

    private string Expected(IEnumerable<AuditEvent> batch) => string.Concat(batch.Select(OnTheWire));

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    // The destination's bytes once it holds at least as many as expected (at once for one that receives synchronously).
    private async Task<byte[]> ReceivedAsync(string expected)
    {
        if (!ReceivesSynchronously)
        {
            var length = Encoding.UTF8.GetByteCount(expected);
            await WaitUntilAsync(() => Received().Length >= length, $"{length} bytes at the destination (got {Received().Length})");
        }

        return Received();
    }
}
