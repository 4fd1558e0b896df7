using System.Net;
using System.Net.Sockets;

namespace AuditBridge.Formats.KeyValue;

/// <summary>
/// Reads an event's IP address text for an address key: only text a SIEM can index is an address. Anything else
/// (<c>Unknown IP</c>, a host name, an endpoint) is no address, and the vendor's own section still carries it.
/// </summary>
internal static class EventAddress
{
    /// <summary>
    /// True when <paramref name="ip"/> is an address: four dotted decimal octets (then <paramref name="ipv6"/> is null
    /// and the text is written as given), or an IPv6 address, parsed into <paramref name="ipv6"/> (an IPv4-mapped one
    /// as its IPv4 address).
    /// </summary>
    public static bool TryRead(string? ip, out IPAddress? ipv6)
    {
        ipv6 = null;
        if (string.IsNullOrEmpty(ip))
        {
            return false;
        }

        if (IsDottedDecimalIPv4(ip))
        {
            return true;
        }

        // Only text with a colon may be IPv6; IPAddress.TryParse alone would also accept "10.1", octal "010.0.0.1"
        // and an endpoint such as "[::1]:80".
        if (ip.Contains(':', StringComparison.Ordinal)
            && !ip.Contains('[', StringComparison.Ordinal)
            && IPAddress.TryParse(ip, out var address)
            && address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            ipv6 = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
            return true;
        }

        return false;
    }

    /// <summary>Four decimal octets 0..255 without leading zeros (which some parsers read as octal).</summary>
    public static bool IsDottedDecimalIPv4(ReadOnlySpan<char> text)
    {
        var position = 0;
        for (var octet = 0; octet < 4; octet++)
        {
            if (octet > 0)
            {
                if (position >= text.Length || text[position] != '.')
                {
                    return false;
                }

                position++;
            }

            var start = position;
            var value = 0;
            while (position < text.Length && position - start < 3 && char.IsAsciiDigit(text[position]))
            {
                value = (value * 10) + (text[position] - '0');
                position++;
            }

            var digits = position - start;
            if (digits == 0 || value > 255 || (digits > 1 && text[start] == '0'))
            {
                return false;
            }
        }

        return position == text.Length;
    }
}
