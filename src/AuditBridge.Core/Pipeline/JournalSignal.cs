namespace AuditBridge.Pipeline;

/// <summary>
/// Wakes delivery loops when collectors stored new events, so a sink delivers within moments instead of polling.
/// A loop takes a <see cref="Ticket"/> before it reads the journal and waits on it after an empty read, so a notify
/// that lands between the read and the wait is not missed; loops also wake on their own timer.
/// </summary>
public sealed class JournalSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next <see cref="Notify"/> after this call.</summary>
    public Task Ticket => Volatile.Read(ref _next).Task;

    /// <summary>Tells every waiting loop that the journal has new events.</summary>
    public void Notify() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Waits for a notify after <see cref="Ticket"/> was taken, or <paramref name="timeout"/> on <paramref name="time"/>.</summary>
    public static async Task WaitAsync(Task ticket, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, time, timer.Token);
        await Task.WhenAny(ticket, delay);
        await timer.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }
}
