using System.Net;
using System.Net.Sockets;
using AuditBridge.Events;
using AuditBridge.Formats.Cef;

namespace AuditBridge.Formats.Leef;

/// <summary>Which event property goes to which key (docs/formats/leef.md has the table).</summary>
internal sealed partial class LeefFormatter
{
    private static readonly byte[] Admin = "admin"u8.ToArray();
    private static readonly byte[] Success = "success"u8.ToArray();
    private static readonly byte[] Failure = "failure"u8.ToArray();

    private void Build(AuditEvent auditEvent, ref LeefFieldList fields)
    {
        fields.AddEventId(auditEvent.Action ?? string.Empty);

        // 13 digits from 2001-09-09 to 2286: QRadar reads a 10- or 13-digit epoch devTime without a devTimeFormat.
        fields.AddNumber(LeefKey.DevTime, auditEvent.Time.ToUnixTimeMilliseconds());
        fields.AddNumber(LeefKey.Sev, Math.Clamp(auditEvent.Severity, 1, 10));
        fields.AddText(LeefKey.Cat, auditEvent.Category);
        fields.AddText(LeefKey.ExternalId, auditEvent.Id);
        if (auditEvent.Outcome != EventOutcome.Unknown)
        {
            fields.AddLiteral(LeefKey.Outcome, auditEvent.Outcome == EventOutcome.Success ? Success : Failure);
        }

        AddPrincipal(auditEvent.Actor, LeefKey.UsrName, LeefKey.ActorId, LeefKey.Role, ref fields);
        AddPrincipal(auditEvent.Target, LeefKey.TargetUser, LeefKey.TargetId, LeefKey.TargetRole, ref fields);
        AddAddress(auditEvent.Ip, ref fields);
        fields.AddText(LeefKey.Msg, auditEvent.Description);
        if (auditEvent.Objects.Count > 0)
        {
            var first = auditEvent.Objects[0];
            fields.AddText(LeefKey.ObjectKind, first.Kind);
            fields.AddText(LeefKey.ObjectName, first.Name);
            fields.AddText(LeefKey.ObjectPath, first.Path);
            fields.AddText(LeefKey.ObjectId, first.Id);
        }

        // Every section, under its own name; empty ones and names that cannot be keys are skipped. (An index loop:
        // foreach over the IReadOnlyList would allocate an enumerator per event.)
        var sections = auditEvent.Sections;
        for (var i = 0; i < sections.Count; i++)
        {
            fields.AddSection(sections[i].Name, sections[i].Json, _delimiter);
        }
    }

    private static void AddPrincipal(Principal? principal, LeefKey user, LeefKey id, LeefKey role, ref LeefFieldList fields)
    {
        if (principal is null)
        {
            return;
        }

        // E-mail address when there is one (what SIEM user correlation keys on), else the display name.
        fields.AddText(user, string.IsNullOrEmpty(principal.Email) ? principal.Name : principal.Email);
        fields.AddText(id, principal.Id);
        if (principal.Kind == PrincipalKind.Admin)
        {
            fields.AddLiteral(role, Admin);
        }
    }

    /// <summary>
    /// <c>src</c> takes IPv4 in dotted-decimal form as given, and IPv6 in canonical form (LEEF's <c>src</c> is an IPv4 or
    /// IPv6 address); an IPv4-mapped IPv6 address is written as IPv4. Anything else is not an address a SIEM could
    /// index and is left out (the origin section still carries what the vendor wrote).
    /// </summary>
    private static void AddAddress(string? ip, ref LeefFieldList fields)
    {
        if (string.IsNullOrEmpty(ip))
        {
            return;
        }

        if (CefFormatter.IsDottedDecimalIPv4(ip))
        {
            fields.AddText(LeefKey.Src, ip);
            return;
        }

        // Only text with a colon may be IPv6; IPAddress.TryParse alone would also accept "10.1", octal "010.0.0.1"
        // and an endpoint such as "[::1]:80".
        if (ip.Contains(':', StringComparison.Ordinal)
            && !ip.Contains('[', StringComparison.Ordinal)
            && IPAddress.TryParse(ip, out var address)
            && address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            // A zone (fe80::1%eth0) names an interface of the vendor's host, meaningless here, and '%' may be the delimiter.
            fields.AddAddress(
                LeefKey.Src,
                address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address.ScopeId != 0 ? new IPAddress(address.GetAddressBytes()) : address);
        }
    }
}
