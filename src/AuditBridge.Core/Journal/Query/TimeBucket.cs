namespace AuditBridge.Journal.Query;

/// <summary>How many selected events happened in [<paramref name="Start"/>, start + bucket), per stack value when stacked.</summary>
/// <param name="Start">The bucket's start: a multiple of the bucket size since the Unix epoch, in UTC.</param>
/// <param name="Stack">The stacked field's value (null when not stacked, or for events without one).</param>
/// <param name="Count">Events in the bucket (and stack).</param>
public readonly record struct TimeBucket(DateTimeOffset Start, string? Stack, long Count);
