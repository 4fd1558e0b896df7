namespace AuditBridge.Sources;

/// <summary>
/// Where a source resumes: the vendor's opaque position plus what is needed to recover when that position
/// becomes invalid (the newest event time, and the ids of recent events so a re-read repeats nothing).
/// </summary>
/// <param name="Position">The vendor cursor or stream position, exactly as the vendor sent it; null before the first page.</param>
/// <param name="NewestEventTime">The newest event time seen so far (pages are not sorted, so this is a maximum).</param>
/// <param name="Recent">Ids and times of the events near <paramref name="NewestEventTime"/>, oldest first.</param>
public sealed record Checkpoint(string? Position, DateTimeOffset? NewestEventTime, IReadOnlyList<SeenEvent> Recent)
{
    /// <summary>A checkpoint with nothing in it.</summary>
    public static Checkpoint Empty { get; } = new(null, null, []);
}
