using System.Net;
using System.Net.Sockets;
using AuditBridge.Events;

namespace AuditBridge.Formats.Cef;

/// <summary>Which event property goes to which key, per profile (docs/formats/cef.md has the tables).</summary>
internal sealed partial class CefFormatter
{
    private const int MaxSections = 6;

    private static readonly byte[] Admin = "admin"u8.ToArray();
    private static readonly byte[] Success = "success"u8.ToArray();
    private static readonly byte[] Failure = "failure"u8.ToArray();
    private static readonly byte[] SourceIpv6Label = "Source IPv6 Address"u8.ToArray();
    private static readonly byte[] EventIdLabel = "eventId"u8.ToArray();
    private static readonly byte[] BlogDetailsLabel = "Details of event"u8.ToArray();
    private static readonly byte[] BlogActorLabel = "Details of event actor"u8.ToArray();
    private static readonly byte[] BlogOriginLabel = "Details of the event origin"u8.ToArray();
    private static readonly byte[] BlogAssetsLabel = "Details of event assets"u8.ToArray();

    private static void BuildDefault(AuditEvent auditEvent, ref CefFieldList fields)
    {
        AddHeaderFields(auditEvent, ref fields);
        fields.AddNumber(CefKey.Rt, auditEvent.Time.ToUnixTimeMilliseconds());
        var longId = AddExternalId(auditEvent.Id, ref fields);
        fields.AddText(CefKey.Cat, auditEvent.Category);
        fields.AddText(CefKey.Act, auditEvent.Action);
        if (auditEvent.Outcome != EventOutcome.Unknown)
        {
            fields.AddLiteral(CefKey.Outcome, auditEvent.Outcome == EventOutcome.Success ? Success : Failure);
        }

        AddPrincipal(auditEvent.Actor, CefKey.Suser, CefKey.Suid, CefKey.Spriv, ref fields);
        AddPrincipal(auditEvent.Target, CefKey.Duser, CefKey.Duid, CefKey.Dpriv, ref fields);
        AddAddress(auditEvent.Ip, ref fields);
        if (auditEvent.Objects.Count > 0)
        {
            var first = auditEvent.Objects[0];
            fields.AddText(CefKey.Fname, first.Name);
            fields.AddText(CefKey.FilePath, first.Path);
            fields.AddText(CefKey.FileId, first.Id);
        }

        // By position, so a section keeps its number whatever else the event has; sections beyond cs6 are dropped
        // (every section is also in the raw event, which the JSON lines format carries whole).
        var sections = auditEvent.Sections;
        for (var i = 0; i < Math.Min(sections.Count, MaxSections); i++)
        {
            if (fields.AddJson(CefKeys.CustomString(i), sections[i].Json))
            {
                fields.AddText(CefKeys.CustomStringLabel(i), sections[i].Label);
            }
        }

        AddFullId(auditEvent.Id, longId, ref fields);
    }

    /// <summary>
    /// The seed script's template, key for key: <c>duser duid cat rt end cs1 cs1Label cs2 cs2Label cs3 cs3Label src
    /// cs4 cs4Label</c>, then <c>externalId</c>.
    /// </summary>
    private static void BuildDropboxBlog(AuditEvent auditEvent, ref CefFieldList fields)
    {
        AddHeaderFields(auditEvent, ref fields);

        // The seed put the actor (not the target) in duser/duid; content built on it expects that.
        var actor = auditEvent.Actor;
        if (actor is not null)
        {
            fields.AddText(CefKey.Duser, UserName(actor));
            fields.AddText(CefKey.Duid, actor.Id);
        }

        fields.AddText(CefKey.Cat, auditEvent.Category);
        var time = auditEvent.Time.ToUnixTimeMilliseconds();
        fields.AddNumber(CefKey.Rt, time);
        fields.AddNumber(CefKey.End, time);
        AddNamedSection(auditEvent, "details", 0, BlogDetailsLabel, ref fields);
        AddNamedSection(auditEvent, "actor", 1, BlogActorLabel, ref fields);
        AddNamedSection(auditEvent, "origin", 2, BlogOriginLabel, ref fields);
        AddAddress(auditEvent.Ip, ref fields);
        AddNamedSection(auditEvent, "assets", 3, BlogAssetsLabel, ref fields);
        var longId = AddExternalId(auditEvent.Id, ref fields);
        AddFullId(auditEvent.Id, longId, ref fields);
    }

    private static void AddHeaderFields(AuditEvent auditEvent, ref CefFieldList fields)
    {
        fields.AddHeader(CefKey.DeviceEventClassId, auditEvent.Action ?? string.Empty);
        fields.AddHeader(CefKey.Name, string.IsNullOrEmpty(auditEvent.Description) ? auditEvent.Action ?? string.Empty : auditEvent.Description);
    }

    /// <summary>Adds <c>externalId</c>; returns true when the id is longer than its 40-character limit.</summary>
    private static bool AddExternalId(string id, ref CefFieldList fields)
    {
        fields.AddText(CefKey.ExternalId, id, marker: false);
        return CefEscaper.TrimmedLength(id) > CefKeys.ExternalIdLimit;
    }

    /// <summary>An id over 40 characters is also written whole to <c>flexString1</c>, so dedupe still has it.</summary>
    private static void AddFullId(string id, bool longId, ref CefFieldList fields)
    {
        if (longId && fields.AddText(CefKey.FlexString1, id))
        {
            fields.AddLiteral(CefKey.FlexString1Label, EventIdLabel);
        }
    }

    private static void AddPrincipal(Principal? principal, CefKey user, CefKey id, CefKey privileges, ref CefFieldList fields)
    {
        if (principal is null)
        {
            return;
        }

        fields.AddText(user, UserName(principal));
        fields.AddText(id, principal.Id);
        if (principal.Kind == PrincipalKind.Admin)
        {
            fields.AddLiteral(privileges, Admin);
        }
    }

    /// <summary>E-mail address when there is one (what SIEM user correlation keys on), else the display name.</summary>
    private static string? UserName(Principal principal) =>
        principal.Email is { } email && CefEscaper.TrimmedLength(email) > 0 ? email : principal.Name;

    /// <summary>
    /// IPv4 in dotted-decimal form goes to <c>src</c> as given; IPv6 goes to <c>c6a2</c> in canonical form (CEF:0
    /// address fields are IPv4 only, reference §1.3), an IPv4-mapped IPv6 address to <c>src</c>. Anything else is not an
    /// address a SIEM could index and is left out (the origin section still carries what the vendor wrote).
    /// </summary>
    private static void AddAddress(string? ip, ref CefFieldList fields)
    {
        if (string.IsNullOrEmpty(ip))
        {
            return;
        }

        if (IsDottedDecimalIPv4(ip))
        {
            fields.AddText(CefKey.Src, ip);
            return;
        }

        // Only text with a colon may be IPv6; IPAddress.TryParse alone would also accept "10.1", octal "010.0.0.1"
        // and an endpoint such as "[::1]:80".
        if (ip.Contains(':', StringComparison.Ordinal)
            && !ip.Contains('[', StringComparison.Ordinal)
            && IPAddress.TryParse(ip, out var address)
            && address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.IsIPv4MappedToIPv6)
            {
                fields.AddAddress(CefKey.Src, address.MapToIPv4());
            }
            else
            {
                fields.AddAddress(CefKey.C6a2, address);
                fields.AddLiteral(CefKey.C6a2Label, SourceIpv6Label);
            }
        }
    }

    /// <summary>Four decimal octets 0..255 without leading zeros (which some parsers read as octal).</summary>
    internal static bool IsDottedDecimalIPv4(ReadOnlySpan<char> text)
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

    private static void AddNamedSection(AuditEvent auditEvent, string name, int index, byte[] label, ref CefFieldList fields)
    {
        var sections = auditEvent.Sections;
        for (var i = 0; i < sections.Count; i++)
        {
            var section = sections[i];
            if (string.Equals(section.Name, name, StringComparison.Ordinal))
            {
                if (fields.AddJson(CefKeys.CustomString(index), section.Json))
                {
                    fields.AddLiteral(CefKeys.CustomStringLabel(index), label);
                }

                return;
            }
        }
    }
}
