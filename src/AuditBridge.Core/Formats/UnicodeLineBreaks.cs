using System.Buffers;

namespace AuditBridge.Formats;

/// <summary>
/// The line breaks beyond CR and LF that readers honour: NEL (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR
/// (U+2029), the Unicode mandatory breaks outside ASCII (UAX #14). Syslog relays, log viewers and JavaScript-based
/// parsers end a line at them, so a value holding one could split a record in two; every format keeps them from the
/// wire in its own way (docs/formats/cef.md, leef.md, csv.md). VT and FF, the ASCII ones, are C0 controls, which every
/// format already treats.
/// </summary>
internal static class UnicodeLineBreaks
{
    /// <summary>The three characters.</summary>
    public const string Characters = "\u0085\u2028\u2029";

    /// <summary>What a JSON escape of one of them costs over its raw UTF-8 form, at most: <c>\u2028</c> (6) for 2 or 3 bytes.</summary>
    private const int JsonEscapeLength = 6;

    /// <summary>Whether <paramref name="utf8"/> holds one of them.</summary>
    public static bool IsIn(ReadOnlySpan<byte> utf8) => Next(utf8, out _) >= 0;

    /// <summary>
    /// <paramref name="json"/> with each of them written as its JSON escape (<c>\u2028</c>: the same JSON value, on one
    /// line), or <paramref name="json"/> itself (no copy) when it has none. In valid JSON they can only stand inside a
    /// string, where the escape means the same character.
    /// </summary>
    public static ReadOnlyMemory<byte> EscapeInJson(ReadOnlyMemory<byte> json)
    {
        var span = json.Span;
        var first = Next(span, out _);
        if (first < 0)
        {
            return json;
        }

        var output = new ArrayBufferWriter<byte>(span.Length + JsonEscapeLength);
        output.Write(span[..first]);
        span = span[first..];
        while (true)
        {
            var i = Next(span, out var length);
            if (i < 0)
            {
                output.Write(span);
                return output.WrittenMemory;
            }

            output.Write(span[..i]);
            output.Write(length == 2 ? "\\u0085"u8 : span[i + 2] == 0xA8 ? "\\u2028"u8 : "\\u2029"u8);
            span = span[(i + length)..];
        }
    }

    // NEL is C2 85, LS E2 80 A8, PS E2 80 A9. Most values have no 0xC2 or 0xE2 byte at all, and then one vectorized
    // scan decides.
    private static int Next(ReadOnlySpan<byte> utf8, out int length)
    {
        var offset = 0;
        while (true)
        {
            var i = utf8[offset..].IndexOfAny((byte)0xC2, (byte)0xE2);
            if (i < 0)
            {
                length = 0;
                return -1;
            }

            i += offset;
            if (utf8[i] == 0xC2 && i + 1 < utf8.Length && utf8[i + 1] == 0x85)
            {
                length = 2;
                return i;
            }

            if (utf8[i] == 0xE2 && i + 2 < utf8.Length && utf8[i + 1] == 0x80 && utf8[i + 2] is 0xA8 or 0xA9)
            {
                length = 3;
                return i;
            }

            offset = i + 1;
        }
    }
}
