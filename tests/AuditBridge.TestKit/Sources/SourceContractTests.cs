using AuditBridge.Events;
using AuditBridge.Sources;

namespace AuditBridge.TestKit.Sources;

/// <summary>
/// The behaviour every source type promises (the Vector compliance idea, like <c>JournalContractTests</c>): a whole read
/// returns every event once with checkpoints that only move forward; a read resumed from any page's checkpoint, by a new
/// source (a restart), neither skips nor repeats; a transient failure is <c>IsTransient</c> and a resume after it loses
/// nothing; a refused credential is permanent; cancellation stops the read. A source type's test class derives from this
/// and supplies <see cref="StartAsync"/>, over the vendor's real loopback simulator; nothing else.
/// </summary>
public abstract class SourceContractTests
{
    private static readonly TimeSpan CancellationLimit = TimeSpan.FromSeconds(30);

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Starts the vendor's data (a simulator, a fake CLI) for one test.</summary>
    protected abstract Task<ISourceHarness> StartAsync();

    [Fact]
    public async Task ReadAsync_FromNoCheckpoint_ReturnsEveryEventOnce_WithCheckpointsThatOnlyMoveForward()
    {
        await using var harness = await StartAsync();

        var pages = await ReadAsync(harness, resumeFrom: null);

        Assert.True(pages.Count >= 3, $"the harness must make a whole read take at least three pages, it took {pages.Count}");
        AssertEveryEventOnce(harness.ExpectedIds, pages.SelectMany(p => p.Events));
        Assert.All(pages[..^1], p => Assert.True(p.HasMore));
        Assert.False(pages[^1].HasMore);
        for (var i = 1; i < pages.Count; i++)
        {
            // A page may carry no newest time yet (an intermediate page of a run that can only move at its end), never an older one.
            var (before, now) = (pages[i - 1].Checkpoint.NewestEventTime, pages[i].Checkpoint.NewestEventTime);
            Assert.True(before is null || now >= before, $"page {i + 1}'s newest event time went back from {before:O} to {now:O}");
        }

        Assert.Equal(pages.SelectMany(p => p.Events).Max(e => e.Time), pages[^1].Checkpoint.NewestEventTime);
    }

    [Fact]
    public async Task ReadAsync_ResumedByANewSourceFromAnyPagesCheckpoint_NeitherSkipsNorRepeats()
    {
        await using var harness = await StartAsync();
        var pages = await ReadAsync(harness, resumeFrom: null);

        for (var stored = 1; stored < pages.Count; stored++)
        {
            var resumed = await ReadAsync(harness, pages[stored - 1].Checkpoint);

            AssertEveryEventOnce(harness.ExpectedIds, pages.Take(stored).Concat(resumed).SelectMany(p => p.Events), $"resumed after page {stored}");
        }
    }

    [Fact]
    public async Task ReadAsync_WhenTheVendorFailsTransiently_ThrowsATransientSourceException_AndAResumeLosesNothing()
    {
        await using var harness = await StartAsync();

        // Injected before any read: a read stopped earlier could still have a read-ahead request on its way to the vendor.
        harness.Inject(SourceFault.Transient);
        var (delivered, failure) = await ReadUntilFailureAsync(harness, resumeFrom: null);
        var rest = await ReadAsync(harness, delivered.Count > 0 ? delivered[^1].Checkpoint : null);

        Assert.True(failure.IsTransient, $"{failure.Kind}: {failure.Message}");
        AssertEveryEventOnce(harness.ExpectedIds, delivered.Concat(rest).SelectMany(p => p.Events));
    }

    [Fact]
    public async Task ReadAsync_WhenTheVendorRefusesTheCredentials_ThrowsAPermanentSourceException()
    {
        await using var harness = await StartAsync();

        harness.Inject(SourceFault.Permanent);
        var (_, failure) = await ReadUntilFailureAsync(harness, resumeFrom: null);

        Assert.False(failure.IsTransient, $"{failure.Kind}: {failure.Message}");
        Assert.Contains(failure.Kind, new[] { SourceErrorKind.Authentication, SourceErrorKind.Permission });
    }

    [Fact]
    public async Task ReadAsync_WhenCancelledBetweenPages_HandsOutNoMorePagesAndThrowsOperationCanceled()
    {
        await using var harness = await StartAsync();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var source = harness.CreateSource();
        try
        {
            var pages = source.ReadAsync(null, cancel.Token).GetAsyncEnumerator(cancel.Token);
            await using (pages)
            {
                Assert.True(await pages.MoveNextAsync());

                await cancel.CancelAsync();
                var next = pages.MoveNextAsync().AsTask();

                Assert.Same(next, await Task.WhenAny(next, Task.Delay(CancellationLimit, Token)));
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next);
            }
        }
        finally
        {
            (source as IDisposable)?.Dispose();
        }
    }

    /// <summary>Every expected id exactly once and nothing else (pages need not be sorted: compared as multisets).</summary>
    protected static void AssertEveryEventOnce(IEnumerable<string> expected, IEnumerable<AuditEvent> events, string? when = null)
    {
        var ids = events.Select(e => e.Id).ToList();
        var repeated = ids.GroupBy(id => id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(repeated.Count == 0, $"{when}: {repeated.Count} events repeated, e.g. {repeated.FirstOrDefault()}");
        var missing = expected.Except(ids, StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, $"{when}: {missing.Count} events missing, e.g. {missing.FirstOrDefault()}");
        var unexpected = ids.Except(expected, StringComparer.Ordinal).ToList();
        Assert.True(unexpected.Count == 0, $"{when}: {unexpected.Count} unexpected events, e.g. {unexpected.FirstOrDefault()}");
    }

    /// <summary>Reads with a new source (disposed after) until the end or <paramref name="stopAfterPages"/>.</summary>
    protected static async Task<List<SourcePage>> ReadAsync(ISourceHarness harness, Checkpoint? resumeFrom, int stopAfterPages = int.MaxValue)
    {
        var source = harness.CreateSource();
        try
        {
            var pages = new List<SourcePage>();
            await foreach (var page in source.ReadAsync(resumeFrom, Token))
            {
                pages.Add(page);
                if (pages.Count == stopAfterPages)
                {
                    break;
                }
            }

            return pages;
        }
        finally
        {
            (source as IDisposable)?.Dispose();
        }
    }

    private static async Task<(List<SourcePage> Pages, SourceException Failure)> ReadUntilFailureAsync(ISourceHarness harness, Checkpoint? resumeFrom)
    {
        var pages = new List<SourcePage>();
        var source = harness.CreateSource();
        try
        {
            await foreach (var page in source.ReadAsync(resumeFrom, Token))
            {
                pages.Add(page);
            }
        }
        catch (SourceException failure)
        {
            return (pages, failure);
        }
        finally
        {
            (source as IDisposable)?.Dispose();
        }

        throw new Xunit.Sdk.XunitException($"The read succeeded with {pages.Count} pages; a SourceException was expected.");
    }
}
