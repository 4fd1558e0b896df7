using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace AuditBridge.Sources.Json;

/// <summary>
/// Collects the indicators of a vendor event (Panther's <c>p_any_emails</c>, <c>p_any_ip_addresses</c>,
/// <c>p_any_usernames</c> in one list; docs/formats/indicators.md): every e-mail address and IP address in any string
/// value, and every user name under the keys the vendor's <see cref="IndicatorRules"/> name. Plain strings, no type
/// prefix; de-duplicated; in the order they first appear in the document.
/// </summary>
/// <remarks>
/// One walk over the parsed document's raw UTF-8: no regular expressions, no string is created except for an
/// indicator that is kept. Bounded work: strings longer than <see cref="MaxStringBytes"/> are not scanned, nesting
/// deeper than <see cref="MaxDepth"/> is not visited, and collection stops at <see cref="MaxCount"/> indicators.
/// </remarks>
internal static partial class Indicators
{
    /// <summary>At most this many indicators per event.</summary>
    public const int MaxCount = 64;

    /// <summary>String values longer than this (UTF-8 bytes as written in the JSON) are not scanned.</summary>
    public const int MaxStringBytes = 2048;

    /// <summary>Objects and arrays nested deeper than this are not visited.</summary>
    public const int MaxDepth = 32;

    /// <summary>User names longer than this (UTF-8 bytes) are not kept: no person's name or login is that long.</summary>
    public const int MaxUserNameBytes = 256;

    [ThreadStatic]
    private static List<string>? _threadFound;

    /// <summary>The indicators of <paramref name="element"/> (a vendor event) under <paramref name="rules"/>.</summary>
    public static IReadOnlyList<string> Collect(JsonElement element, IndicatorRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var found = _threadFound ??= new List<string>(MaxCount);
        try
        {
            Walk(element, [], rules, found, 0);
            return found.Count == 0 ? [] : found.ToArray();
        }
        finally
        {
            found.Clear();
        }
    }

    /// <summary>
    /// The indicators of <paramref name="element"/> where its member <paramref name="embeddedMember"/> is a JSON string
    /// holding JSON (Box <c>additional_details</c>, Dashlane <c>properties</c>) that the mapper parsed into
    /// <paramref name="embedded"/>: that member is walked as the parsed value, in its place, so its user names and
    /// addresses count, in the same order, as if the vendor had sent it as an object.
    /// </summary>
    public static IReadOnlyList<string> Collect(JsonElement element, string embeddedMember, JsonElement? embedded, IndicatorRules rules)
    {
        ArgumentNullException.ThrowIfNull(embeddedMember);
        ArgumentNullException.ThrowIfNull(rules);
        if (embedded is not { } inner || element.ValueKind != JsonValueKind.Object)
        {
            return Collect(element, rules);
        }

        var found = _threadFound ??= new List<string>(MaxCount);
        try
        {
            WalkObject(element, rules, found, 0, (Encoding.UTF8.GetBytes(embeddedMember), inner));
            return found.Count == 0 ? [] : found.ToArray();
        }
        finally
        {
            found.Clear();
        }
    }

    /// <summary>The indicators of a vendor event given as UTF-8 JSON.</summary>
    /// <exception cref="JsonException"><paramref name="utf8Json"/> is not valid JSON.</exception>
    public static IReadOnlyList<string> Collect(ReadOnlyMemory<byte> utf8Json, IndicatorRules rules)
    {
        using var document = JsonDocument.Parse(utf8Json);
        return Collect(document.RootElement, rules);
    }

    private static void Walk(JsonElement element, ReadOnlySpan<byte> key, IndicatorRules rules, List<string> found, int depth)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                Inspect(element, key, IndicatorRules.Contains(rules.UserNameKeys, key), found);
                break;
            case JsonValueKind.Array when depth < MaxDepth:
                foreach (var item in element.EnumerateArray())
                {
                    // An array's items inherit its key: "logins": ["a", "b"].
                    Walk(item, key, rules, found, depth + 1);
                }

                break;
            case JsonValueKind.Object when depth < MaxDepth:
                WalkObject(element, rules, found, depth);
                break;
        }
    }

    private static void WalkObject(JsonElement element, IndicatorRules rules, List<string> found, int depth, (byte[] Name, JsonElement Value)? replaced = null)
    {
        // Whether this is a user object is only asked when one of its members could be a user name, once.
        var userObject = -1;
        foreach (var property in element.EnumerateObject())
        {
            if (found.Count >= MaxCount)
            {
                return;
            }

            var name = JsonMarshal.GetRawUtf8PropertyName(property);
            var value = property.Value;
            if (replaced is { } member && value.ValueKind == JsonValueKind.String && name.SequenceEqual(member.Name))
            {
                value = member.Value;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                Walk(value, name, rules, found, depth + 1);
                continue;
            }

            var userName = IndicatorRules.Contains(rules.UserNameKeys, name);
            if (!userName && IndicatorRules.Contains(rules.UserObjectNameKeys, name))
            {
                if (userObject < 0)
                {
                    userObject = IsUserObject(element, rules) ? 1 : 0;
                }

                userName = userObject == 1;
            }

            Inspect(value, name, userName, found);
        }
    }

    private static bool IsUserObject(JsonElement element, IndicatorRules rules)
    {
        foreach (var property in element.EnumerateObject())
        {
            var name = JsonMarshal.GetRawUtf8PropertyName(property);
            foreach (var (key, value) in rules.Markers)
            {
                if (name.SequenceEqual(key)
                    && (value is null || JsonRead.TextEquals(property.Value, value)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static void Inspect(JsonElement value, ReadOnlySpan<byte> key, bool userName, List<string> found)
    {
        if (found.Count >= MaxCount)
        {
            return;
        }

        // The raw value includes its quotes; without a backslash the content is already the text.
        var raw = JsonMarshal.GetRawUtf8Value(value);
        var text = raw[1..^1];
        if (text.IsEmpty || text.Length > MaxStringBytes)
        {
            return;
        }

        if (text.IndexOf((byte)'\\') < 0)
        {
            Inspect(text, key, userName, found);
            return;
        }

        // Rare: an escaped string. Its UTF-8 text is never longer than its escaped form.
        Span<byte> decoded = stackalloc byte[text.Length];
        var length = Encoding.UTF8.GetBytes(JsonRead.Text(value), decoded);
        Inspect(decoded[..length], key, userName, found);
    }

    private static void Inspect(ReadOnlySpan<byte> text, ReadOnlySpan<byte> key, bool userName, List<string> found)
    {
        if (text.IndexOf((byte)'@') >= 0)
        {
            FindEmails(text, found);
        }

        if (MayBeAddress(text) && !NamesAVersion(key))
        {
            AddAddress(text, found);
        }

        if (userName)
        {
            AddUserName(text, found);
        }
    }

    private static void AddUserName(ReadOnlySpan<byte> text, List<string> found)
    {
        var trimmed = TrimSpacesAndControls(text);
        if (trimmed.IsEmpty || trimmed.Length > MaxUserNameBytes || IsEmail(trimmed))
        {
            // A login that is an e-mail address is already in the list, in its lower-case form.
            return;
        }

        Add(trimmed, lowerCase: false, found);
    }

    private static ReadOnlySpan<byte> TrimSpacesAndControls(ReadOnlySpan<byte> text)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && text[start] <= (byte)' ')
        {
            start++;
        }

        while (end > start && text[end - 1] <= (byte)' ')
        {
            end--;
        }

        return text[start..end];
    }

    /// <summary>Adds the text unless an equal indicator is already there; the string is only created when it is new.</summary>
    private static void Add(ReadOnlySpan<byte> utf8, bool lowerCase, List<string> found)
    {
        if (found.Count >= MaxCount)
        {
            return;
        }

        // Callers bound the length (e-mails 254, addresses 15, user names MaxUserNameBytes), and UTF-8 never has
        // fewer bytes than UTF-16 has chars.
        Span<char> chars = stackalloc char[utf8.Length];
        var length = Encoding.UTF8.GetChars(utf8, chars);
        var text = chars[..length];
        if (lowerCase)
        {
            System.Text.Ascii.ToLowerInPlace(text, out _);
        }

        // Only a user name can hold control characters (a display name with a line break): they become spaces, so
        // an indicator is always one line of text wherever it is shown.
        for (var i = text.IndexOfAnyInRange('\u0000', '\u001f'); i >= 0 && i < text.Length; i++)
        {
            if (text[i] < ' ')
            {
                text[i] = ' ';
            }
        }

        foreach (var existing in found)
        {
            if (text.SequenceEqual(existing))
            {
                return;
            }
        }

        found.Add(new string(text));
    }

    private static void Add(string indicator, List<string> found)
    {
        if (found.Count >= MaxCount)
        {
            return;
        }

        foreach (var existing in found)
        {
            if (string.Equals(existing, indicator, StringComparison.Ordinal))
            {
                return;
            }
        }

        found.Add(indicator);
    }
}
