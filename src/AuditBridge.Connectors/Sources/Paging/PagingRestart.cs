namespace AuditBridge.Sources.Paging;

/// <summary>Where a read goes on after the vendor refused its position.</summary>
/// <param name="Request">The request that starts over (it carries no position the vendor could refuse again).</param>
/// <param name="Recovery">What is done, in words, for the log (<c>restarting the query from 2024-05-03T09:41:07Z</c>).</param>
/// <param name="SkipBefore">
/// For a re-read from the very beginning of a stream that has no time filter: events that happened before this time were
/// written before the position broke and are dropped as repeats. Null when the request itself starts at a time.
/// </param>
internal readonly record struct PagingRestart<TRequest>(TRequest Request, string Recovery, DateTimeOffset? SkipBefore = null)
    where TRequest : struct;
