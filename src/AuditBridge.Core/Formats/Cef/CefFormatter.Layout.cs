using AuditBridge.Events;
using AuditBridge.Formats.KeyValue;

namespace AuditBridge.Formats.Cef;

/// <summary>Which event property goes to which key, per profile (docs/formats/cef.md has the tables).</summary>
internal sealed partial class CefFormatter
{
    /// <summary>3 header fields and at most 30 extension values (the <c>default</c> layout with every key).</summary>
    private const int MaxFieldCount = 33;

    private const int MaxSections = 6;

    private static readonly KeyValuePrincipalKeys<CefKey> SourceUser = new(CefKey.Suser, CefKey.Suid, CefKey.Spriv);
    private static readonly KeyValuePrincipalKeys<CefKey> DestinationUser = new(CefKey.Duser, CefKey.Duid, CefKey.Dpriv);
    private static readonly byte[] SourceIpv6Label = "Source IPv6 Address"u8.ToArray();
    private static readonly byte[] EventIdLabel = "eventId"u8.ToArray();
    private static readonly byte[] BlogDetailsLabel = "Details of event"u8.ToArray();
    private static readonly byte[] BlogActorLabel = "Details of event actor"u8.ToArray();
    private static readonly byte[] BlogOriginLabel = "Details of the event origin"u8.ToArray();
    private static readonly byte[] BlogAssetsLabel = "Details of event assets"u8.ToArray();

    private static void BuildDefault(AuditEvent auditEvent, ref KeyValueFieldList<CefKey> fields)
    {
        AddHeaderFields(auditEvent, ref fields);
        fields.AddNumber(CefKey.Rt, auditEvent.Time.ToUnixTimeMilliseconds());
        var longId = AddExternalId(auditEvent.Id, ref fields);
        fields.AddText(CefKey.Cat, auditEvent.Category);
        fields.AddText(CefKey.Act, auditEvent.Action);
        fields.AddOutcomeAndParties(auditEvent, CefKey.Outcome, SourceUser, DestinationUser);
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
            if (fields.AddJson(CefDialect.CustomString(i), sections[i].Json))
            {
                fields.AddText(CefDialect.CustomStringLabel(i), sections[i].Label);
            }
        }

        AddFullId(auditEvent.Id, longId, ref fields);
    }

    /// <summary>
    /// The seed script's template, key for key: <c>duser duid cat rt end cs1 cs1Label cs2 cs2Label cs3 cs3Label src
    /// cs4 cs4Label</c>, then <c>externalId</c>.
    /// </summary>
    private static void BuildDropboxBlog(AuditEvent auditEvent, ref KeyValueFieldList<CefKey> fields)
    {
        AddHeaderFields(auditEvent, ref fields);

        // The seed put the actor (not the target) in duser/duid; content built on it expects that.
        if (auditEvent.Actor is { } actor)
        {
            fields.AddText(CefKey.Duser, fields.UserName(actor));
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

    /// <summary>Event class id = the action; name = the description, or the action without one; severity 0..10.</summary>
    private static void AddHeaderFields(AuditEvent auditEvent, ref KeyValueFieldList<CefKey> fields)
    {
        fields.AddHeader(CefKey.DeviceEventClassId, auditEvent.Action ?? string.Empty);
        fields.AddHeader(CefKey.Name, string.IsNullOrEmpty(auditEvent.Description) ? auditEvent.Action ?? string.Empty : auditEvent.Description);
        fields.AddHeaderNumber(CefKey.Severity, Math.Clamp(auditEvent.Severity, 0, 10));
    }

    /// <summary>Adds <c>externalId</c>; returns true when the id is longer than its 40-character limit.</summary>
    private static bool AddExternalId(string id, ref KeyValueFieldList<CefKey> fields)
    {
        fields.AddText(CefKey.ExternalId, id, marker: false);
        return CefDialect.Extension.TrimmedLength(id) > CefDialect.ExternalIdLimit;
    }

    /// <summary>An id over 40 characters is also written whole to <c>flexString1</c>, so dedupe still has it.</summary>
    private static void AddFullId(string id, bool longId, ref KeyValueFieldList<CefKey> fields)
    {
        if (longId && fields.AddText(CefKey.FlexString1, id))
        {
            fields.AddLiteral(CefKey.FlexString1Label, EventIdLabel);
        }
    }

    /// <summary>
    /// IPv4 goes to <c>src</c> as given, an IPv4-mapped IPv6 address to <c>src</c> as IPv4; IPv6 goes to <c>c6a2</c> in
    /// canonical form, because CEF:0 address fields are IPv4 only (reference §1.3).
    /// </summary>
    private static void AddAddress(string? ip, ref KeyValueFieldList<CefKey> fields)
    {
        if (!EventAddress.TryRead(ip, out var parsed))
        {
            return;
        }

        if (parsed is null)
        {
            fields.AddText(CefKey.Src, ip);
        }
        else if (parsed.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
        {
            fields.AddAddress(CefKey.Src, parsed);
        }
        else
        {
            fields.AddAddress(CefKey.C6a2, parsed);
            fields.AddLiteral(CefKey.C6a2Label, SourceIpv6Label);
        }
    }

    private static void AddNamedSection(AuditEvent auditEvent, string name, int index, byte[] label, ref KeyValueFieldList<CefKey> fields)
    {
        var sections = auditEvent.Sections;
        for (var i = 0; i < sections.Count; i++)
        {
            var section = sections[i];
            if (string.Equals(section.Name, name, StringComparison.Ordinal))
            {
                if (fields.AddJson(CefDialect.CustomString(index), section.Json))
                {
                    fields.AddLiteral(CefDialect.CustomStringLabel(index), label);
                }

                return;
            }
        }
    }
}
