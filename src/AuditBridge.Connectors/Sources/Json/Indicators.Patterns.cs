using System.Buffers;
using System.Net;
using System.Net.Sockets;

namespace AuditBridge.Sources.Json;

/// <summary>The e-mail and IP address patterns, as hand-written scanners over UTF-8 (docs/formats/indicators.md).</summary>
internal static partial class Indicators
{
    private const int MaxLocalPart = 64;
    private const int MaxDomain = 253;
    private const int MaxAddress = 254;

    // The common, strict e-mail alphabet: what mail systems and SaaS vendors actually issue. Quoted local parts and
    // the rarer RFC 5322 characters (!#$&'*/=?^`{|}~) are left out on purpose: in free text they would glue a
    // neighbouring word ("user=jane@x.example") onto the address.
    private static readonly SearchValues<byte> LocalPartBytes = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-"u8);
    private static readonly SearchValues<byte> DomainBytes = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-"u8);
    private static readonly SearchValues<byte> AddressBytes = SearchValues.Create("0123456789abcdefABCDEF.:[]"u8);

    /// <summary>Adds every e-mail address in <paramref name="text"/> (whole value or inside text), lower-cased.</summary>
    private static void FindEmails(ReadOnlySpan<byte> text, List<string> found)
    {
        var from = 0;
        while (from < text.Length && found.Count < MaxCount)
        {
            var offset = text[from..].IndexOf((byte)'@');
            if (offset < 0)
            {
                return;
            }

            var at = from + offset;
            var start = at;
            while (start > 0 && at - start < MaxLocalPart + 1 && LocalPartBytes.Contains(text[start - 1]))
            {
                start--;
            }

            // A local part never starts with a dot: "...jane@x.example" holds "jane@x.example".
            while (start < at && text[start] == (byte)'.')
            {
                start++;
            }

            var end = at + 1;
            while (end < text.Length && end - at - 1 < MaxDomain + 1 && DomainBytes.Contains(text[end]))
            {
                end++;
            }

            // A sentence may end right after an address: "write to jane@x.example."
            while (end > at + 1 && text[end - 1] is (byte)'.' or (byte)'-')
            {
                end--;
            }

            if (start < at && end - start <= MaxAddress && IsLocalPart(text[start..at]) && IsDomain(text[(at + 1)..end]))
            {
                Add(text[start..end], lowerCase: true, found);
            }

            from = at + 1;
        }
    }

    /// <summary>Whether all of <paramref name="text"/> is one e-mail address by the same pattern.</summary>
    private static bool IsEmail(ReadOnlySpan<byte> text)
    {
        var at = text.IndexOf((byte)'@');
        return at > 0
            && text.Length <= MaxAddress
            && at == text.LastIndexOf((byte)'@')
            && !text[..at].ContainsAnyExcept(LocalPartBytes)
            && IsLocalPart(text[..at])
            && IsDomain(text[(at + 1)..]);
    }

    private static bool IsLocalPart(ReadOnlySpan<byte> local) =>
        local.Length is > 0 and <= MaxLocalPart
        && local[0] != (byte)'.'
        && local[^1] != (byte)'.'
        && local.IndexOf(".."u8) < 0;

    /// <summary>Two or more labels of letters, digits and inner hyphens (1–63 each), the last one 2+ letters.</summary>
    private static bool IsDomain(ReadOnlySpan<byte> domain)
    {
        if (domain.Length is < 4 or > MaxDomain || domain.ContainsAnyExcept(DomainBytes))
        {
            return false;
        }

        var labels = 0;
        while (true)
        {
            var dot = domain.IndexOf((byte)'.');
            var label = dot < 0 ? domain : domain[..dot];
            if (label.Length is 0 or > 63 || label[0] == (byte)'-' || label[^1] == (byte)'-')
            {
                return false;
            }

            labels++;
            if (dot < 0)
            {
                // The top-level domain: letters only, so "a@10.0.0.1" and "x@host.123" are not addresses.
                return labels >= 2 && label.Length >= 2 && IsLetters(label);
            }

            domain = domain[(dot + 1)..];
        }
    }

    private static bool IsLetters(ReadOnlySpan<byte> label)
    {
        foreach (var b in label)
        {
            if (!char.IsAsciiLetter((char)b))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Cheap filter before any parsing: the length and alphabet of an address, an endpoint or a bracketed IPv6.</summary>
    private static bool MayBeAddress(ReadOnlySpan<byte> text) =>
        text.Length is >= 2 and <= 53 && !text.ContainsAnyExcept(AddressBytes);

    /// <summary>
    /// Keys such as <c>version</c>, <c>client_version</c> or <c>version_id</c> hold four-part versions
    /// (<c>1.2.0.0</c>) that look exactly like IPv4 addresses; their values are not taken as addresses.
    /// </summary>
    private static bool NamesAVersion(ReadOnlySpan<byte> key)
    {
        for (var i = 0; i + 7 <= key.Length; i++)
        {
            if (System.Text.Ascii.EqualsIgnoreCase(key.Slice(i, 7), "version"u8))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Adds the address a whole value holds: dotted-decimal IPv4 (as written), IPv6 (canonical form; an IPv4-mapped
    /// one as IPv4), or either as an endpoint (<c>203.0.113.5:443</c>, <c>[2001:db8::1]:443</c>) without the port.
    /// </summary>
    private static void AddAddress(ReadOnlySpan<byte> text, List<string> found)
    {
        if (IsDottedDecimalIPv4(text))
        {
            Add(text, lowerCase: false, found);
            return;
        }

        var candidate = text;
        if (text[0] == (byte)'[')
        {
            var close = text.IndexOf((byte)']');
            if (close < 0 || !IsPortSuffix(text[(close + 1)..], allowEmpty: true))
            {
                return;
            }

            candidate = text[1..close];
        }
        else
        {
            var colon = text.IndexOf((byte)':');
            if (colon > 0 && colon == text.LastIndexOf((byte)':') && IsDottedDecimalIPv4(text[..colon]))
            {
                if (IsPortSuffix(text[colon..], allowEmpty: false))
                {
                    Add(text[..colon], lowerCase: false, found);
                }

                return;
            }
        }

        // IPv6 needs at least two colons ("12:30" is a time, "ab:cd" a label); the brackets are gone by now.
        if (candidate.Count((byte)':') < 2 || candidate.IndexOfAny((byte)'[', (byte)']') >= 0
            || !IPAddress.TryParse(candidate, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6
            || address.Equals(IPAddress.IPv6Any))
        {
            // "::" is the unspecified address: a separator in text far more often than an origin.
            return;
        }

        Add(address.IsIPv4MappedToIPv6 ? address.MapToIPv4().ToString() : address.ToString(), found);
    }

    /// <summary><c>:</c> and a port 0–65535 without leading zeros (or nothing, when allowed).</summary>
    private static bool IsPortSuffix(ReadOnlySpan<byte> suffix, bool allowEmpty)
    {
        if (suffix.IsEmpty)
        {
            return allowEmpty;
        }

        var digits = suffix[1..];
        if (suffix[0] != (byte)':' || digits.Length is 0 or > 5 || (digits.Length > 1 && digits[0] == (byte)'0'))
        {
            return false;
        }

        var port = 0;
        foreach (var b in digits)
        {
            if (!char.IsAsciiDigit((char)b))
            {
                return false;
            }

            port = (port * 10) + (b - '0');
        }

        return port <= 65535;
    }

    /// <summary>Four decimal octets 0..255 without leading zeros (which some parsers read as octal).</summary>
    internal static bool IsDottedDecimalIPv4(ReadOnlySpan<byte> text)
    {
        var position = 0;
        for (var octet = 0; octet < 4; octet++)
        {
            if (octet > 0)
            {
                if (position >= text.Length || text[position] != (byte)'.')
                {
                    return false;
                }

                position++;
            }

            var start = position;
            var value = 0;
            while (position < text.Length && position - start < 3 && char.IsAsciiDigit((char)text[position]))
            {
                value = (value * 10) + (text[position] - '0');
                position++;
            }

            var digits = position - start;
            if (digits == 0 || value > 255 || (digits > 1 && text[start] == (byte)'0'))
            {
                return false;
            }
        }

        return position == text.Length;
    }
}
