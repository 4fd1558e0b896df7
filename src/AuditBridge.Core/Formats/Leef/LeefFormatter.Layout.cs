using System.Net;
using System.Net.Sockets;
using AuditBridge.Events;
using AuditBridge.Formats.KeyValue;

namespace AuditBridge.Formats.Leef;

/// <summary>Which event property goes to which key (docs/formats/leef.md has the table).</summary>
internal sealed partial class LeefFormatter
{
    private static readonly KeyValuePrincipalKeys<LeefKey> Actor = new(LeefKey.UsrName, LeefKey.ActorId, LeefKey.Role);
    private static readonly KeyValuePrincipalKeys<LeefKey> Target = new(LeefKey.TargetUser, LeefKey.TargetId, LeefKey.TargetRole);

    /// <summary>The header's event id and delimiter, and 17 attributes; then one per section.</summary>
    private const int FixedFieldCount = 19;

    /// <inheritdoc/>
    public int MaxFields(AuditEvent auditEvent) => FixedFieldCount + auditEvent.Sections.Count;

    /// <inheritdoc/>
    public void Build(AuditEvent auditEvent, ref KeyValueFieldList<LeefKey> fields)
    {
        fields.AddHeader(LeefKey.EventId, auditEvent.Action ?? string.Empty);
        fields.AddHeaderLiteral(LeefKey.Delimiter, _delimiter.Header);

        // 13 digits from 2001-09-09 to 2286: QRadar reads a 10- or 13-digit epoch devTime without a devTimeFormat.
        fields.AddNumber(LeefKey.DevTime, auditEvent.Time.ToUnixTimeMilliseconds());
        fields.AddNumber(LeefKey.Sev, Math.Clamp(auditEvent.Severity, 1, 10));
        fields.AddText(LeefKey.Cat, auditEvent.Category);
        fields.AddText(LeefKey.ExternalId, auditEvent.Id);
        fields.AddOutcomeAndParties(auditEvent, LeefKey.Outcome, Actor, Target);
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

        // Every section, under its own name, unless the name cannot be a key or an earlier section took it; empty ones
        // are skipped. (An index loop: foreach over the IReadOnlyList would allocate an enumerator per event.)
        var sections = auditEvent.Sections;
        for (var i = 0; i < sections.Count; i++)
        {
            var section = sections[i];
            if (LeefDialect.IsUsableSectionKey(section.Name) && !fields.ContainsName(section.Name))
            {
                fields.AddJson(LeefKey.Section, section.Json, section.Name);
            }
        }
    }

    /// <summary>
    /// <c>src</c> takes IPv4 as given and IPv6 in canonical form (LEEF's <c>src</c> is an IPv4 or IPv6 address), an
    /// IPv4-mapped IPv6 address as IPv4.
    /// </summary>
    private static void AddAddress(string? ip, ref KeyValueFieldList<LeefKey> fields)
    {
        if (!EventAddress.TryRead(ip, out var parsed))
        {
            return;
        }

        if (parsed is null)
        {
            fields.AddText(LeefKey.Src, ip);
        }
        else
        {
            // A zone (fe80::1%eth0) names an interface of the vendor's host, meaningless here, and '%' may be the delimiter.
            fields.AddAddress(
                LeefKey.Src,
                parsed.AddressFamily == AddressFamily.InterNetworkV6 && parsed.ScopeId != 0 ? new IPAddress(parsed.GetAddressBytes()) : parsed);
        }
    }
}
