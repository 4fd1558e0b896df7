namespace AuditBridge.Formats;

/// <summary>What a formatter wrote.</summary>
/// <param name="BytesWritten">Length of the record in UTF-8 bytes (for CSV including its CRLF terminator).</param>
/// <param name="ShortenedValues">
/// How many values were shortened to meet the <c>maxBytes</c> budget (0 when none). A JSON value shortened inside
/// (a CEF <c>csN</c>, the JSON lines <c>raw</c>) counts once. Cuts to a format's own length limits (CEF dictionary
/// limits) are not counted here; the record itself lists them.
/// </param>
public readonly record struct FormatResult(int BytesWritten, int ShortenedValues);
