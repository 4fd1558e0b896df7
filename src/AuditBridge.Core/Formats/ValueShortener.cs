namespace AuditBridge.Formats;

/// <summary>
/// The one way every format shortens a text value: cut on a character boundary, then append a visible marker,
/// so a reader can never mistake a shortened value for the original.
/// </summary>
internal static class ValueShortener
{
    /// <summary>Appended to every shortened value.</summary>
    public const string Marker = "…[truncated]";

    /// <summary>Length of <see cref="Marker"/> in UTF-16 code units.</summary>
    public const int MarkerChars = 12;

    /// <summary><see cref="Marker"/> as UTF-8 (14 bytes: the ellipsis takes three).</summary>
    public static ReadOnlySpan<byte> MarkerUtf8 => "…[truncated]"u8;

    /// <summary>
    /// The longest prefix length of <paramref name="value"/> that is at most <paramref name="maxChars"/> UTF-16 code
    /// units and does not end between the two halves of a surrogate pair.
    /// </summary>
    public static int CutLength(ReadOnlySpan<char> value, int maxChars)
    {
        if (maxChars >= value.Length)
        {
            return value.Length;
        }

        if (maxChars <= 0)
        {
            return 0;
        }

        // Cutting after a high surrogate would leave half a character, which UTF-8 cannot represent.
        return char.IsHighSurrogate(value[maxChars - 1]) ? maxChars - 1 : maxChars;
    }

    /// <summary>
    /// How many characters of <paramref name="value"/> to keep so that the kept prefix plus the marker is at most
    /// <paramref name="maxChars"/> long; the caller appends the marker. Returns <paramref name="value"/>'s length when
    /// it already fits.
    /// </summary>
    public static int KeepWithMarker(ReadOnlySpan<char> value, int maxChars, out bool shortened)
    {
        shortened = value.Length > maxChars;
        return shortened ? CutLength(value, maxChars - MarkerChars) : value.Length;
    }
}
