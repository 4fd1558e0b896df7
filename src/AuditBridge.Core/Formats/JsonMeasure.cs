namespace AuditBridge.Formats;

/// <summary>The unit a size limit is counted in when <see cref="JsonShrinker"/> shortens a JSON value.</summary>
internal enum JsonMeasure
{
    /// <summary>UTF-8 bytes as written (JSON lines budget).</summary>
    Utf8Bytes,

    /// <summary>UTF-16 code units of the text (CEF dictionary limits are in characters).</summary>
    Utf16Chars,

    /// <summary>UTF-8 bytes after CEF extension escaping (<c>\</c>, <c>=</c>, CR and LF take two bytes): the CEF byte budget.</summary>
    CefEscapedBytes,
}
