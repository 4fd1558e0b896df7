using AuditBridge.Formats.Cef;
using AuditBridge.Formats.Csv;
using AuditBridge.Formats.Json;
using AuditBridge.Formats.Leef;

namespace AuditBridge.Formats;

/// <summary>
/// The one place formatters are created. Implementations are internal; what callers choose is the format name
/// and its options record.
/// </summary>
public static class EventFormatters
{
    /// <summary>Every format name this factory knows: <c>cef</c>, <c>json</c>, <c>csv</c>, <c>leef</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["cef", "json", "csv", "leef"];

    /// <summary>
    /// Creates the formatter called <paramref name="name"/> (ignoring case) with default options and no vendor products:
    /// CEF and LEEF headers then name every vendor by <see cref="VendorProduct.Fallback"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not one of <see cref="Names"/>.</exception>
    public static IEventFormatter Create(string name) => Create(name, []);

    /// <summary>
    /// Creates the formatter called <paramref name="name"/> (ignoring case) with default options; the formats with a
    /// vendor header (CEF, LEEF) take their vendor, product and version from <paramref name="products"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not one of <see cref="Names"/>.</exception>
    public static IEventFormatter Create(string name, IReadOnlyList<VendorProduct> products)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(products);
        return name.ToUpperInvariant() switch
        {
            "CEF" => Cef(new CefFormatterOptions { Products = products }),
            "JSON" => Json(),
            "CSV" => Csv(),
            "LEEF" => Leef(new LeefFormatterOptions { Products = products }),
            _ => throw new ArgumentException($"Unknown format '{name}'; expected one of: {string.Join(", ", Names)}.", nameof(name)),
        };
    }

    /// <summary>Creates a CEF formatter (docs/formats/cef.md).</summary>
    /// <exception cref="ArgumentException">The profile is unknown, or a vendor is listed twice in the products.</exception>
    public static IEventFormatter Cef(CefFormatterOptions? options = null) => new CefFormatter(options ?? new CefFormatterOptions());

    /// <summary>Creates a JSON lines formatter (docs/formats/json.md).</summary>
    public static IEventFormatter Json(JsonFormatterOptions? options = null) => new JsonFormatter(options ?? new JsonFormatterOptions());

    /// <summary>Creates a CSV formatter (docs/formats/csv.md).</summary>
    public static IEventFormatter Csv(CsvFormatterOptions? options = null) => new CsvFormatter(options ?? new CsvFormatterOptions());

    /// <summary>Creates a LEEF 2.0 formatter for IBM QRadar (docs/formats/leef.md).</summary>
    /// <exception cref="ArgumentException">The delimiter is not one LEEF records can use, or a vendor is listed twice in the products.</exception>
    public static IEventFormatter Leef(LeefFormatterOptions? options = null) => new LeefFormatter(options ?? new LeefFormatterOptions());
}
