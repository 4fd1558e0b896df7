using AuditBridge.Journal;

namespace AuditBridge.Pipeline;

/// <summary>
/// Deletes what the journal no longer needs, every <see cref="RetentionOptions.Interval"/>: events received before
/// now minus <see cref="RetentionOptions.Retention"/> that every reader has passed. An event a sink has not delivered
/// is never deleted, however old (at least once beats a retention promise). A transient journal failure skips one
/// round; a permanent one ends the loop with the exception.
/// </summary>
public sealed class RetentionLoop
{
    private readonly RetentionOptions _options;
    private readonly IJournal _journal;
    private readonly TimeProvider _time;
    private readonly Action<long, DateTimeOffset> _deleted;
    private readonly Action<JournalException> _failed;

    /// <param name="options">What to keep.</param>
    /// <param name="journal">The journal.</param>
    /// <param name="time">The clock for the rounds and for "received before".</param>
    /// <param name="deleted">Told how many events a round deleted (when any) and the cut-off time.</param>
    /// <param name="failed">Told about a transient failure that skipped a round.</param>
    public RetentionLoop(RetentionOptions options, IJournal journal, TimeProvider time, Action<long, DateTimeOffset> deleted, Action<JournalException> failed)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _journal = journal;
        _time = time;
        _deleted = deleted;
        _failed = failed;
    }

    /// <summary>Runs a round every interval until cancelled.</summary>
    /// <exception cref="JournalException">The journal failed permanently.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await Task.Delay(_options.Interval, _time, cancellationToken);
            try
            {
                await RunOnceAsync(cancellationToken);
            }
            catch (JournalException failure) when (failure.IsTransient)
            {
                _failed(failure);
            }
        }
    }

    /// <summary>One round: deletes and returns how many events went.</summary>
    public async Task<long> RunOnceAsync(CancellationToken cancellationToken)
    {
        // Nothing a reader still needs: below the lowest position (everything when there is no reader).
        var passedByAll = await _journal.GetHeadAsync(cancellationToken);
        foreach (var reader in _options.Readers)
        {
            passedByAll = Math.Min(passedByAll, await _journal.GetPositionAsync(reader, cancellationToken));
        }

        var before = _time.GetUtcNow() - _options.Retention;
        var deleted = await _journal.DeleteExpiredAsync(before, passedByAll, cancellationToken);
        if (deleted > 0)
        {
            _deleted(deleted, before);
        }

        return deleted;
    }
}
