using AuditBridge.Sources.Box;
using AuditBridge.Sources.Dashlane;
using AuditBridge.Sources.Dropbox;

namespace AuditBridge.Sources;

/// <summary>The vendor event mappers, by vendor key, for events that do not come from the live API.</summary>
public static class VendorEventMappers
{
    /// <summary>Vendor keys with a mapper.</summary>
    public static IReadOnlyList<string> Vendors { get; } = [DropboxSourceFactory.Type, BoxSourceFactory.Type, DashlaneSourceFactory.Type];

    /// <summary>Creates the mapper of <paramref name="vendor"/>.</summary>
    /// <param name="vendor">Vendor key (<c>dropbox</c> …).</param>
    /// <param name="sourceName">Source name stamped on every event.</param>
    /// <param name="severity">Severity 0..10 for (category, event type).</param>
    /// <exception cref="ArgumentException">Unknown vendor.</exception>
    public static IVendorEventMapper Create(string vendor, string sourceName, Func<string, string, int> severity) => vendor switch
    {
        DropboxSourceFactory.Type => new DropboxEventMapper(sourceName, severity),
        BoxSourceFactory.Type => new BoxEventMapper(sourceName, severity),
        DashlaneSourceFactory.Type => new DashlaneVendorEventMapper(sourceName, severity),
        _ => throw new ArgumentException($"Unknown vendor '{vendor}'; known: {string.Join(", ", Vendors)}.", nameof(vendor)),
    };
}
