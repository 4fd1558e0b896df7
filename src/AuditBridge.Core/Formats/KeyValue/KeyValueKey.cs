namespace AuditBridge.Formats.KeyValue;

/// <summary>One key of a dialect: its name on the wire and the rules its values follow.</summary>
/// <param name="Name">
/// The key as written (<c>suser</c>), and as listed in the truncation record; header fields use their specification
/// names there (<c>deviceVendor</c>). ASCII, without <c>=</c>.
/// </param>
/// <param name="Limit">
/// Most UTF-16 code units a text or JSON value keeps before escaping (a receiver's dictionary limit): longer text is cut
/// with <see cref="ValueShortener.Marker"/>, longer JSON is shrunk and stays valid JSON; either way the key is listed in
/// the truncation record.
/// </param>
/// <param name="ShortenedToFit">
/// Whether a byte budget may shorten this key's text (free text: names, paths, descriptions). JSON values are always
/// shortenable; ids, event types, numbers and addresses never are, because receivers dedupe and correlate on them.
/// </param>
internal sealed record KeyValueKey(string Name, int Limit = KeyValueKey.Unlimited, bool ShortenedToFit = false)
{
    /// <summary>No limit: numbers, addresses and fixed literals.</summary>
    public const int Unlimited = int.MaxValue;
}
