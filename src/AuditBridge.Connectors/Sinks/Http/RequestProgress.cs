using System.Globalization;

namespace AuditBridge.Sinks.Http;

/// <summary>Where a request stands in its batch, for messages.</summary>
/// <param name="Number">1-based number of the request in the batch.</param>
/// <param name="Count">How many requests the batch needs.</param>
/// <param name="Records">Records in this request.</param>
/// <param name="BodyBytes">Body size before compression.</param>
/// <param name="DeliveredRecords">Records of the batch delivered by the requests before this one.</param>
/// <param name="EventId">The event id when the request holds one record, else null.</param>
/// <param name="Probe">What the request is, when it is a probe that carries no batch (<c>check --probe</c>); else null.</param>
internal readonly record struct RequestProgress(
    int Number, int Count, int Records, int BodyBytes, int DeliveredRecords, string? EventId = null, string? Probe = null)
{
    public bool IsProbe => Probe is not null;

    /// <summary>A request that checks the receiver and delivers nothing.</summary>
    /// <param name="what">How messages name it: "a HEAD request (check --probe)".</param>
    public static RequestProgress ForProbe(string what) => new(1, 1, 0, 0, 0, Probe: what);

    public string Describe()
    {
        if (Probe is not null)
        {
            return Probe;
        }

        var what = EventId is null
            ? string.Create(CultureInfo.InvariantCulture, $"{Records} records, {BodyBytes} bytes")
            : string.Create(CultureInfo.InvariantCulture, $"1 record, event '{EventId}', {BodyBytes} bytes");
        return Count == 1 ? $"the batch ({what})" : string.Create(CultureInfo.InvariantCulture, $"request {Number} of {Count} ({what})");
    }

    /// <summary>Empty for the first request; else what the earlier requests mean for a retry of the batch.</summary>
    public string DuplicatesNote() => Number == 1
        ? string.Empty
        : string.Create(
            CultureInfo.InvariantCulture,
            $" Requests 1-{Number - 1} of this batch ({DeliveredRecords} records) were delivered and are sent again with the rest: the receiver may see them twice (each carries its event id).");
}
