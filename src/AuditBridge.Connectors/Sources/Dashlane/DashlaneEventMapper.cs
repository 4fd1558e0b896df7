using System.Buffers;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using AuditBridge.Events;
using AuditBridge.Sources.Json;
using AuditBridge.Sources.Mapping;

namespace AuditBridge.Sources.Dashlane;

/// <summary>
/// Pure mapping of one validated Dashlane audit log (saas-apis.md C.7) to the normalized <see cref="AuditEvent"/>.
/// Log types and categories are open: an unknown one maps with a generic description, never an error. The full table
/// is docs/formats/dashlane.md.
/// </summary>
internal sealed class DashlaneEventMapper(string sourceName, Func<string, string, int> severity, DashlaneLogTypes logTypes)
{
    public const string IdPrefix = "dashlane:";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    // No attested Dashlane log carries an IP address (C.7 has no such field); these keys are taken if one ever appears.
    private static readonly string[] IpKeys = ["ip_address", "ip", "author_ip", "source_ip"];

    public AuditEvent Map(DashlaneLogLine line)
    {
        var root = line.Root;
        using var parsedProperties = PropertiesFromString(root);
        var properties = JsonRead.Object(root, "properties"u8) ?? parsedProperties?.RootElement;
        var type = logTypes.Find(line.LogType);
        var category = JsonRead.String(root, "category"u8) ?? "unknown";
        var authorLogin = JsonRead.String(properties, "author_login"u8);
        var target = Target(root, properties, type);
        var objects = Objects(root, properties, type);
        var ip = Ip(properties);

        return new AuditEvent
        {
            Id = IdPrefix + line.Uuid,
            Vendor = "dashlane",
            Source = sourceName,
            Time = line.Time,
            Category = category,
            Action = line.LogType,
            Description = DashlaneLogTypes.Describe(line.LogType, type, properties),
            Actor = Actor(root, authorLogin),
            Target = target,
            Ip = ip,
            Objects = objects,
            Outcome = Outcome(line.LogType),
            Severity = severity(category, line.LogType),
            Sections = Sections(line, properties, parsedProperties is not null, authorLogin, target, type, objects),
            Indicators = Indicators.Collect(root, "properties", parsedProperties?.RootElement, IndicatorRules.Dashlane),
            Raw = line.Raw,
        };
    }

    /// <summary>Success or failure from the log type's name; no documented Dashlane type says either today.</summary>
    internal static EventOutcome Outcome(string logType) => EventOutcomes.FromSuffix(logType);

    /// <summary>
    /// <c>properties</c> written as a JSON string (the CLI's CSV export keeps it so, and the legacy API returned whole logs as
    /// strings): parsed when it holds an object.
    /// </summary>
    private static JsonDocument? PropertiesFromString(JsonElement root)
    {
        if (!JsonRead.TryGetProperty(root, "properties"u8, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            var document = JsonDocument.Parse(JsonRead.Text(value));
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
        }
        catch (JsonException)
        {
            // Not JSON: the text stays in the details section and in raw.
        }

        return null;
    }

    private static Principal? Actor(JsonElement root, string? authorLogin)
    {
        var userId = Number(root, "author_user_id"u8);
        if (userId is not null || authorLogin is not null)
        {
            return new Principal(PrincipalKind.User, userId, authorLogin);
        }

        // A log written by a team device (an integration using team keys) and no user: the device is the actor.
        return Number(root, "author_team_device_id"u8) is { } device ? new Principal(PrincipalKind.App, "team_device:" + device) : null;
    }

    private static Principal? Target(JsonElement root, JsonElement? properties, DashlaneLogType? type)
    {
        var id = Number(root, "target_user_id"u8);
        var email = type?.TargetEmail is { } emailPlaceholder ? DashlaneLogTypes.Value(emailPlaceholder, type, properties) : null;
        email ??= JsonRead.String(properties, "target_login"u8);
        var name = type?.TargetName is { } namePlaceholder ? DashlaneLogTypes.Value(namePlaceholder, type, properties) : null;
        return id is null && email is null && name is null ? null : new Principal(PrincipalKind.User, id, email, name);
    }

    private static EventObject[] Objects(JsonElement root, JsonElement? properties, DashlaneLogType? type)
    {
        var item = type?.ObjectKind is { } kind && type.ObjectName is { } placeholder && DashlaneLogTypes.Value(placeholder, type, properties) is { } name
            ? new EventObject(kind, name)
            : null;
        var sharingGroup = Number(root, "sharing_group_id"u8) is { } groupId ? new EventObject("sharing_group", null, null, groupId) : null;
        return (item, sharingGroup) switch
        {
            (null, null) => [],
            ({ } only, null) => [only],
            (null, { } only) => [only],
            ({ } first, { } second) => [first, second],
        };
    }

    private static string? Ip(JsonElement? properties)
    {
        foreach (var key in IpKeys)
        {
            if (JsonRead.String(properties, key) is { } text && IPAddress.TryParse(text, out _))
            {
                return text;
            }
        }

        return null;
    }

    /// <summary>A numeric id as written (Dashlane ids are JSON numbers); a string id is taken as it is.</summary>
    private static string? Number(JsonElement parent, ReadOnlySpan<byte> name) =>
        JsonRead.TryGetProperty(parent, name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.Number => JsonRead.RawText(value),
            JsonValueKind.String => JsonRead.Text(value) is { Length: > 0 } text ? text : null,
            _ => null,
        } : null;

    /// <summary>
    /// The same six slots as every vendor (docs/adr/0004): details = <c>properties</c>; actor = the author's fields;
    /// origin = <c>author_client</c>; assets = the touched items; participants = the target's fields; context = team,
    /// sharing group and sensitivity. An absent or empty fragment is JSON <c>null</c>.
    /// </summary>
    private static EventSection[] Sections(
        DashlaneLogLine line,
        JsonElement? properties,
        bool propertiesWereString,
        string? authorLogin,
        Principal? target,
        DashlaneLogType? type,
        EventObject[] objects)
    {
        var root = line.Root;
        var details = propertiesWereString && properties is { } parsed
            ? (CompactJson.IsEmpty(parsed) ? VendorSections.Null : CompactJson.From(parsed))
            : VendorSections.Fragment(JsonRead.Any(root, "properties"u8), line.Raw, line.Raw);
        var actor = Write(writer =>
        {
            var any = CopyMember(writer, root, "author_user_id");
            if (authorLogin is not null)
            {
                writer.WriteString("author_login", authorLogin);
                any = true;
            }

            return CopyMember(writer, root, "author_team_device_id") | any;
        });
        var origin = VendorSections.Fragment(JsonRead.Object(root, "author_client"u8), line.Raw, line.Raw);
        var assets = objects.Length == 0 ? VendorSections.Null : WriteArray(objects);
        var participants = Write(writer =>
        {
            var any = CopyMember(writer, root, "target_user_id");
            if (target?.Email is { } email)
            {
                writer.WriteString("target_email", email);
                any = true;
            }

            if (target?.Name is { } name && type?.TargetName is not null)
            {
                writer.WriteString("target_name", name);
                any = true;
            }

            return any;
        });
        var context = Write(writer => CopyMember(writer, root, "team_id") | CopyMember(writer, root, "sharing_group_id") | CopyMember(writer, root, "is_sensitive"));

        return VendorSections.Create(details, actor, origin, assets, participants, context);
    }

    private static ReadOnlyMemory<byte> WriteArray(EventObject[] objects)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartArray();
            foreach (var item in objects)
            {
                writer.WriteStartObject();
                writer.WriteString("kind", item.Kind);
                if (item.Name is { } name)
                {
                    writer.WriteString("name", name);
                }

                if (item.Id is { } id)
                {
                    writer.WriteString("id", id);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes an object with <paramref name="members"/>; the JSON <c>null</c> when it wrote no member.</summary>
    private static ReadOnlyMemory<byte> Write(Func<Utf8JsonWriter, bool> members)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        bool any;
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            any = members(writer);
            writer.WriteEndObject();
        }

        return any ? buffer.WrittenSpan.ToArray() : VendorSections.Null;
    }

    private static bool CopyMember(Utf8JsonWriter writer, JsonElement parent, string name)
    {
        if (!JsonRead.TryGetProperty(parent, name, out var value) || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return false;
        }

        writer.WritePropertyName(name);
        JsonRead.WriteValue(writer, value);
        return true;
    }
}
