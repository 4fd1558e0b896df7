namespace AuditBridge.Sources.Paging;

/// <summary>Time bounds sent to vendors whose APIs take whole seconds (Dropbox, Box).</summary>
internal static class PagingTime
{
    /// <summary>Cuts to whole seconds, downwards: a lower bound must not move past an event.</summary>
    public static DateTimeOffset FloorToSecond(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
