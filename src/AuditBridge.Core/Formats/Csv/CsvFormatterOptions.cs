namespace AuditBridge.Formats.Csv;

/// <summary>Options of the <c>csv</c> format.</summary>
public sealed record CsvFormatterOptions
{
    /// <summary>
    /// Prefix a cell a spreadsheet could evaluate with a single quote, so it shows as text (CSV/formula injection): one
    /// that starts with TAB, CR or NUL, or whose first character after leading whitespace, controls and invisible
    /// characters is <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c> or their fullwidth or small forms (docs/formats/csv.md).
    /// Default <c>true</c>; turn it off only for exports that never reach a spreadsheet and must be byte-exact.
    /// </summary>
    public bool GuardFormulas { get; init; } = true;

    /// <summary>
    /// Start <see cref="IEventFormatter.FileHeader"/> with a UTF-8 byte order mark, which Excel needs to read non-ASCII
    /// text correctly. Default <c>false</c> (most tools expect plain UTF-8).
    /// </summary>
    public bool ByteOrderMark { get; init; }
}
