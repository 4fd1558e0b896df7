using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using AuditBridge.Events;

namespace AuditBridge.Sources;

/// <summary>
/// Collects the events of one page that cannot be mapped, as <see cref="QuarantinedEvent"/>s, so that one event never
/// costs the page (and with it the source) its other events. One per page; not thread-safe.
/// </summary>
/// <param name="vendor">Vendor key, stamped on every quarantined event.</param>
internal sealed class EventQuarantine(string vendor)
{
    private List<QuarantinedEvent>? _events;

    /// <summary>The events quarantined so far, in the order they came.</summary>
    public IReadOnlyList<QuarantinedEvent> Events => _events is null ? [] : _events;

    /// <summary>Where entry <paramref name="index"/> of a page asked for as <paramref name="request"/> was, in words.</summary>
    public static string InPage(string request, int index) => $"{request}, entry {index} of the page (0-based)";

    /// <summary>Quarantines an event with its bytes, where it was and why it cannot be mapped.</summary>
    public void Add(string position, ReadOnlySpan<byte> raw, string error) =>
        (_events ??= []).Add(new QuarantinedEvent(vendor, position, error, raw.ToArray()));

    /// <summary>Quarantines a page entry that is no event of the vendor; <paramref name="problem"/> is a clause ("has no …").</summary>
    public void Add(string request, PageEntry entry, string problem) =>
        Add(InPage(request, entry.Index), JsonMarshal.GetRawUtf8Value(entry.Element), $"it {problem}");

    /// <summary>Maps a valid page entry; when mapping fails, quarantines it (see <see cref="TryMap{TState}(TState, Func{TState, AuditEvent}, out AuditEvent?, out string?)"/>).</summary>
    public bool TryMap<TState>(string request, PageEntry entry, TState state, Func<TState, AuditEvent> map, [NotNullWhen(true)] out AuditEvent? mapped)
    {
        if (TryMap(state, map, out mapped, out var error))
        {
            return true;
        }

        Add(InPage(request, entry.Index), JsonMarshal.GetRawUtf8Value(entry.Element), error);
        return false;
    }

    /// <summary>
    /// Runs a mapper; false with the failure in words when it throws. A mapper failure is a defect against data nobody
    /// foresaw: it is caught here, at the boundary of one event, and nowhere deeper.
    /// </summary>
    public static bool TryMap<TState>(TState state, Func<TState, AuditEvent> map, [NotNullWhen(true)] out AuditEvent? mapped, [NotNullWhen(false)] out string? error)
    {
        try
        {
            mapped = map(state);
            error = null;
            return true;
        }
        catch (Exception failure) when (failure is not (OperationCanceledException or OutOfMemoryException))
        {
            mapped = null;
            error = $"mapping failed: {failure.GetType().Name}: {failure.Message}";
            return false;
        }
    }
}
