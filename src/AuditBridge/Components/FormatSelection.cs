using AuditBridge.Formats;

namespace AuditBridge.Components;

/// <summary>
/// The format options every sink takes: <c>format</c> (one of the registry's formats) and each format's own options,
/// which are refused with a format they do not belong to.
/// </summary>
internal static class FormatSelection
{
    public static readonly OptionSpec Format = new("format", OptionKind.Choice, "Record format: cef, leef (LEEF 2.0 for QRadar), json (JSON lines), csv.")
    {
        Choices = [.. ComponentRegistry.Formats.Select(f => f.Name)],
        Default = "per sink in YAML (syslog: cef, the others: json); cef on the command line",
    };

    /// <summary>Every option of the format choice: <see cref="Format"/> and the options of each format.</summary>
    public static IReadOnlyList<OptionSpec> Options { get; } = [Format, .. ComponentRegistry.Formats.SelectMany(f => f.Options)];

    /// <summary>The formatter chosen, or null when the choice had an error (recorded).</summary>
    /// <param name="reader">The options.</param>
    /// <param name="defaultFormat">The format when none is given.</param>
    public static IEventFormatter? Read(OptionReader reader, string defaultFormat)
    {
        var format = reader.Choice(Format) ?? (reader.Has(Format) ? null : defaultFormat);
        foreach (var definition in ComponentRegistry.Formats)
        {
            foreach (var option in definition.Options)
            {
                if (format is not null && definition.Name != format && reader.Has(option))
                {
                    reader.Source.ComponentError(option, $"applies to {reader.Source.Reference(Format, definition.Name)} only, not {format}");
                }
            }
        }

        return format is null ? null : ComponentRegistry.Format(format).Create(reader);
    }
}
