namespace AuditBridge.Pipeline;

/// <summary>
/// Wakes delivery loops when collectors stored new events, so a sink delivers within moments instead of polling.
/// A missed signal only costs one poll interval: loops also wake on their own timer.
/// </summary>
public sealed class JournalSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Tells every waiting loop that the journal has new events.</summary>
    public void Notify() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Waits for <see cref="Notify"/> or <paramref name="timeout"/> on <paramref name="time"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var signalled = Volatile.Read(ref _next).Task;
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, time, timer.Token);
        await Task.WhenAny(signalled, delay);
        await timer.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }
}
