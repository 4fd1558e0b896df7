using System.Globalization;
using AuditBridge.Sources.Paging;

namespace AuditBridge.Sources.Dropbox;

/// <summary>Dropbox's timestamp format: UTC, whole seconds, <c>yyyy-MM-ddTHH:mm:ssZ</c> (saas-apis.md A.2).</summary>
internal static class DropboxTime
{
    public static string Format(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Cuts to whole seconds, downwards: a start bound must not move past an event.</summary>
    public static DateTimeOffset Floor(DateTimeOffset time) => PagingTime.FloorToSecond(time);
}
