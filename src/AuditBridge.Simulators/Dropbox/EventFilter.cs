namespace AuditBridge.Simulators.Dropbox;

/// <summary>A query reduced to index space.</summary>
/// <param name="Kind">Category, event type or neither.</param>
/// <param name="Value">Index of the category or event type in the catalog.</param>
/// <param name="Account">Pool index of the <c>account_id</c> filter, or -1.</param>
/// <param name="StartIndex">First index at or after <c>start_time</c>.</param>
/// <param name="EndIndex">First index at or after <c>end_time</c> (exclusive bound); <see cref="long.MaxValue"/> when open.</param>
internal readonly record struct EventFilter(FilterKind Kind, int Value, int Account, long StartIndex, long EndIndex)
{
    public const int NoAccount = -1;

    public bool IsOpenEnded => EndIndex == long.MaxValue;
}
