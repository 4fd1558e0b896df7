using System.Net.Http.Headers;

namespace AuditBridge.Net;

/// <summary>
/// Reads an HTTP <c>Retry-After</c> header (RFC 9110 §10.2.3) one way for every caller: the vendor sources wait that
/// long before they ask again, the http sink hands it to the delivery loop (<c>SinkException.RetryAfter</c>).
/// </summary>
/// <remarks>
/// An HTTP-date is measured against the caller's clock, so a test on a fake clock gets the same wait as production.
/// A date in the past means "now", never a negative wait. How long a caller is willing to wait is its own cap, not
/// this reader's.
/// </remarks>
internal static class RetryAfterHeader
{
    /// <summary>
    /// The wait <paramref name="headers"/> ask for: delta-seconds as given, an HTTP-date minus now, zero for either
    /// when it lies in the past; null when there is no (valid) <c>Retry-After</c>.
    /// </summary>
    public static TimeSpan? Wait(HttpResponseHeaders headers, TimeProvider time)
    {
        var header = headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
