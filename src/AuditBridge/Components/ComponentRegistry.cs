using AuditBridge.Formats;

namespace AuditBridge.Components;

/// <summary>
/// The one list of sink and format definitions. The YAML loader, <c>check</c> and the output options of <c>pull</c>
/// and <c>convert</c> are built from it; a new sink or format is one line here (docs/architecture.md, "Adding a sink").
/// </summary>
internal static class ComponentRegistry
{
    /// <summary>Every sink type, in the order the docs and <c>--help</c> list them.</summary>
    public static IReadOnlyList<SinkDefinition> Sinks { get; } =
    [
        new SyslogSinkDefinition(),
        new FileSinkDefinition(),
        new HttpSinkDefinition(),
        new StdoutSinkDefinition(),
    ];

    /// <summary>Every format, in the order <c>EventFormatters.Names</c> lists them.</summary>
    public static IReadOnlyList<FormatDefinition> Formats { get; } =
    [
        new CefFormatDefinition(),
        // JSON lines: docs/formats/json.md.
        new PlainFormatDefinition("json", "JSON lines: the normalized event with the vendor's raw event.", () => EventFormatters.Json()),

        // A file format, since a line means nothing without its header: docs/formats/csv.md.
        new PlainFormatDefinition("csv", "CSV with a header line (files only).", () => EventFormatters.Csv()),
        new LeefFormatDefinition(),
    ];

    public static SinkDefinition Sink(string type) => Sinks.First(s => s.Type == type);

    public static FormatDefinition Format(string name) => Formats.First(f => f.Name == name);
}
