namespace AuditBridge.Formats.Csv;

/// <summary>Options of the <c>csv</c> format.</summary>
public sealed record CsvFormatterOptions
{
    /// <summary>
    /// Prefix a cell that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, TAB or CR with a single quote, so a
    /// spreadsheet shows it as text instead of evaluating it (CSV/formula injection). Default <c>true</c>; turn it
    /// off only for exports that never reach a spreadsheet and must be byte-exact.
    /// </summary>
    public bool GuardFormulas { get; init; } = true;

    /// <summary>
    /// Start <see cref="IEventFormatter.FileHeader"/> with a UTF-8 byte order mark, which Excel needs to read non-ASCII
    /// text correctly. Default <c>false</c> (most tools expect plain UTF-8).
    /// </summary>
    public bool ByteOrderMark { get; init; }
}
