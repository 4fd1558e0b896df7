using System.Buffers;

namespace AuditBridge.Simulators.Box;

public sealed partial class BoxEventGenerator
{
    private static readonly TimeSpan[] Offsets =
    [
        TimeSpan.FromHours(-7), TimeSpan.FromHours(-8), TimeSpan.FromHours(-4), TimeSpan.Zero,
        TimeSpan.FromHours(1), new(5, 30, 0), TimeSpan.FromHours(9),
    ];

    private static readonly string[] ServiceNames = ["Box Web", "Box Drive", "Box for iOS", "Box for Android", "Box Tools"];
    private static readonly string[] SharedLinkAccess = ["open", "company", "collaborators"];
    private static readonly string[] CollaborationRoles = ["Viewer", "Previewer", "Editor", "Co-owner", "Uploader"];
    private static readonly string[] ShieldRules = ["Anomalous Download", "Suspicious Locations", "Suspicious Sessions", "Malicious Content"];
    private static readonly string[] AdminRoles = ["User", "Co-admin", "Admin", "Group Admin"];
    private static readonly string[] PolicyNames = ["Confidential stays inside", "No uploads of executables", "Litigation hold 2024", "Seven-year retention", "Contractor access"];
    private static readonly string[] AppNames = ["Northwind SIEM Export", "Contoso Backup Connector", "Fabrikam Sign", "Slack for Box"];

    private static readonly byte[] AllFilesEntry = SimulatorJson.Fragment(w =>
    {
        w.WriteStartObject();
        w.WriteString("type", "folder");
        w.WriteString("id", "0");
        w.WriteNull("sequence_id");
        w.WriteNull("etag");
        w.WriteString("name", "All Files");
        w.WriteEndObject();
    });

    /// <summary>Writes event <paramref name="index"/> as one JSON object; member order follows the reference's examples.</summary>
    internal override void WriteEvent(Utf8JsonWriter writer, long index)
    {
        var shape = ComputeShape(index);
        var hostile = shape.Hostile >= 0 ? BoxHostileValues.All[shape.Hostile].Value : null;
        var ticks = TimeTicks(index);

        writer.WriteStartObject();
        writer.WriteString("type", "event");
        writer.WriteString("event_id", EventId(index, shape.IsUuid));
        writer.WriteString("event_type", _types[shape.Type]);
        if (IsPoison(index))
        {
            writer.WriteNull("created_at");
        }
        else
        {
            writer.WriteString("created_at", FormatTime(ticks, Offsets[shape.Offset]));
        }

        if (shape.HasRecordedAt)
        {
            writer.WriteString("recorded_at", FormatTime(ticks + ((long)(shape.Hash % 4) * TimeSpan.TicksPerSecond), Offsets[shape.Offset]));
        }

        writer.WritePropertyName("created_by");
        WriteActor(writer, in shape, hostile);
        writer.WritePropertyName("source");
        WriteSource(writer, in shape, hostile);
        if (shape.AccessibleBy != 0)
        {
            writer.WriteFragment("accessible_by", shape.AccessibleBy == 1 ? _pools.UserJson[shape.AccessibleRef] : _pools.GroupJson[shape.GroupRef]);
        }

        switch (shape.ActionBy)
        {
            case 1:
                writer.WriteNull("action_by");
                break;
            case 2:
                writer.WriteFragment("action_by", _pools.UserJson[(int)(shape.Hash % BoxDatasetPools.AdminCount)]);
                break;
        }

        WriteIp(writer, in shape);
        if (shape.HasSession)
        {
            writer.WriteString("session_id", Alphanumeric(DeterministicHash.Mix(shape.Hash ^ 0x5E55), 16));
        }
        else
        {
            writer.WriteNull("session_id");
        }

        WriteDetails(writer, in shape, hostile);
        writer.WriteEndObject();
    }

    internal string EventId(long index, bool uuid)
    {
        // The first word is a bijection of the index (SplitMix64 of index × an odd constant), so ids never collide.
        var unique = DeterministicHash.Of(_idKey, index);
        var more = DeterministicHash.Mix(unique ^ 0x1D);
        if (!uuid)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{unique:x16}{more:x16}{DeterministicHash.Mix(more) >> 32:x8}");
        }

        // Version 4 and the RFC 4122 variant, as Box's UUID event ids are.
        var high = (more & 0xFFFFFFFFFFFF0FFFUL) | 0x4000UL;
        var low = (unique & 0x3FFFFFFFFFFFFFFFUL) | 0x8000000000000000UL;
        return string.Create(CultureInfo.InvariantCulture, $"{high >> 32:x8}-{(high >> 16) & 0xFFFF:x4}-{high & 0xFFFF:x4}-{low >> 48:x4}-{low & 0xFFFFFFFFFFFFUL:x12}");
    }

    private static string FormatTime(long utcTicks, TimeSpan offset)
    {
        var local = new DateTime(utcTicks + offset.Ticks, DateTimeKind.Unspecified);
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var abs = offset.Duration();
        return string.Create(CultureInfo.InvariantCulture, $"{local:yyyy-MM-dd'T'HH:mm:ss}{sign}{abs.Hours:00}:{abs.Minutes:00}");
    }

    private static string Alphanumeric(ulong hash, int length)
    {
        const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            hash = DeterministicHash.Mix(hash);
            chars[i] = Alphabet[DeterministicHash.Low(hash, Alphabet.Length)];
        }

        return new string(chars);
    }

    private static string Digits(ulong hash, long floor, long span) =>
        (floor + (long)(hash % (ulong)span)).ToString(CultureInfo.InvariantCulture);

    private void WriteActor(Utf8JsonWriter writer, in BoxEventShape shape, string? hostile)
    {
        if (hostile is not null)
        {
            var user = _pools.Users[shape.ActorRef];
            BoxDatasetPools.WriteUserMini(writer, user.Id, hostile, user.Login);
            return;
        }

        var json = shape.Actor switch
        {
            ActorShape.ServiceAccount => _pools.ServiceAccountJson[shape.ActorRef],
            ActorShape.Anonymous => _pools.AnonymousJson,
            _ => _pools.UserJson[shape.ActorRef],
        };
        writer.WriteFragment(json);
    }

    private static void WriteIp(Utf8JsonWriter writer, in BoxEventShape shape)
    {
        var octet = (int)(shape.Hash >> 8 & 0xFF);
        switch (shape.Ip)
        {
            case 0:
                var prefix = (shape.Hash >> 16 & 3) switch { 0 => "203.0.113", 1 => "198.51.100", _ => "192.0.2" };
                writer.WriteString("ip_address", string.Create(CultureInfo.InvariantCulture, $"{prefix}.{octet}"));
                break;
            case 1:
                writer.WriteString("ip_address", string.Create(CultureInfo.InvariantCulture, $"2001:db8:{shape.Hash >> 24 & 0xFFFF:x}::{octet:x}"));
                break;
            case 2:
                writer.WriteString("ip_address", "Unknown IP");
                break;
            case 3:
                writer.WriteString("ip_address", string.Empty);
                break;
        }
    }

    private void WriteSource(Utf8JsonWriter writer, in BoxEventShape shape, string? hostile)
    {
        var folder = _pools.Folders[shape.FolderRef];
        var owner = _pools.UserJson[shape.OwnerRef];
        var itemId = Digits(DeterministicHash.Mix(shape.Hash ^ 0xF11E), 1_400_000_000_000, 99_999_999_999);
        var fileName = hostile ?? _pools.FileNamesPool[shape.FileRef];
        switch (shape.Source)
        {
            case SourceShape.FullFile:
                writer.WriteStartObject();
                writer.WriteString("type", "file");
                writer.WriteString("id", itemId);
                writer.WriteString("sequence_id", "3");
                writer.WriteString("etag", "3");
                writer.WriteString("sha1", Sha1Like(shape.Hash));
                writer.WriteString("name", fileName);
                writer.WriteNumber("size", (long)(shape.Hash % 5_000_000) + 1024);
                WriteFolderMini(writer, "parent", folder.Path[^1]);
                WritePathCollection(writer, folder.Path);
                writer.WriteFragment("owned_by", owner);
                writer.WriteString("item_status", "active");
                writer.WriteEndObject();
                break;
            case SourceShape.FullFolder:
                writer.WriteStartObject();
                writer.WriteString("type", "folder");
                writer.WriteString("id", folder.Id);
                writer.WriteString("sequence_id", "1");
                writer.WriteString("etag", "1");
                writer.WriteString("name", folder.Name);
                WriteFolderMini(writer, "parent", folder.Path[^2]);
                WritePathCollection(writer, folder.Path[..^1]);
                writer.WriteFragment("owned_by", owner);
                writer.WriteString("item_status", "active");
                writer.WriteEndObject();
                break;
            case SourceShape.ItemFile or SourceShape.ItemFolder:
                var isFile = shape.Source == SourceShape.ItemFile;
                writer.WriteStartObject();
                writer.WriteString("item_type", isFile ? "file" : "folder");
                writer.WriteString("item_id", isFile ? itemId : folder.Id);
                writer.WriteString("item_name", isFile ? fileName : folder.Name);
                WriteFolderMini(writer, "parent", isFile ? folder.Path[^1] : folder.Path[^2]);
                writer.WriteFragment("owned_by", owner);
                if (isFile && shape.Hash % 3 == 0)
                {
                    writer.WritePropertyName("classification");
                    writer.WriteStartObject();
                    writer.WriteString("name", "Confidential");
                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
                break;
            case SourceShape.WebLink:
                var link = _pools.WebLinkPool[(int)(shape.Hash % (ulong)_pools.WebLinkPool.Length)];
                writer.WriteStartObject();
                writer.WriteString("type", "web_link");
                writer.WriteString("id", Digits(DeterministicHash.Mix(shape.Hash ^ 0x11), 300_000_000_000, 99_999_999));
                writer.WriteString("name", link.Name);
                writer.WriteString("url", link.Url);
                WriteFolderMini(writer, "parent", folder.Path[^1]);
                WritePathCollection(writer, folder.Path);
                writer.WriteFragment("owned_by", owner);
                writer.WriteEndObject();
                break;
            case SourceShape.User or SourceShape.Group:
                writer.WriteFragment(shape.Source == SourceShape.User ? _pools.UserJson[shape.SourceUserRef] : _pools.GroupJson[shape.GroupRef]);
                break;
            case SourceShape.Collaboration:
                var collaborator = _pools.Users[shape.AccessibleRef];
                writer.WriteStartObject();
                writer.WriteString("folder_id", folder.Id);
                writer.WriteString("folder_name", folder.Name);
                writer.WriteString("user_id", collaborator.Id);
                writer.WriteString("user_name", collaborator.Name);
                writer.WriteFragment("owned_by", owner);
                WriteFolderMini(writer, "parent", folder.Path[^2]);
                writer.WriteEndObject();
                break;
            case SourceShape.AppItem:
                writer.WriteStartObject();
                writer.WriteString("type", "app_item");
                writer.WriteString("app_item_type", "hubs");
                writer.WriteString("id", Digits(DeterministicHash.Mix(shape.Hash ^ 0x22), 1_000_000_000, 999_999_999));
                writer.WriteEndObject();
                break;
            case SourceShape.Generic:
                writer.WriteStartObject();
                writer.WriteString("id", Digits(DeterministicHash.Mix(shape.Hash ^ 0x33), 10_000_000, 9_999_999));
                switch (shape.Family)
                {
                    case EventFamily.App:
                        writer.WriteString("type", "application");
                        writer.WriteString("name", AppNames[(int)(shape.Hash % (ulong)AppNames.Length)]);
                        break;
                    case EventFamily.Governance:
                        writer.WriteString("type", "legal_hold_policy");
                        writer.WriteString("policy_name", PolicyNames[(int)(shape.Hash % (ulong)PolicyNames.Length)]);
                        break;
                    default:
                        // Settings changes come as bare key/values, with no type at all.
                        writer.WriteString("name", PolicyNames[(int)(shape.Hash % (ulong)PolicyNames.Length)]);
                        writer.WriteString("enterprise_id", "9348812");
                        break;
                }

                writer.WriteEndObject();
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    private static void WriteFolderMini(Utf8JsonWriter writer, string name, (string Id, string Name) folder)
    {
        writer.WritePropertyName(name);
        writer.WriteStartObject();
        writer.WriteString("type", "folder");
        writer.WriteString("id", folder.Id);
        writer.WriteString("name", folder.Name);
        writer.WriteEndObject();
    }

    private static void WritePathCollection(Utf8JsonWriter writer, (string Id, string Name)[] path)
    {
        writer.WritePropertyName("path_collection");
        writer.WriteStartObject();
        writer.WriteNumber("total_count", path.Length);
        writer.WritePropertyName("entries");
        writer.WriteStartArray();
        foreach (var folder in path)
        {
            if (folder.Id == "0")
            {
                writer.WriteFragment(AllFilesEntry);
                continue;
            }

            writer.WriteStartObject();
            writer.WriteString("type", "folder");
            writer.WriteString("id", folder.Id);
            writer.WriteString("sequence_id", "0");
            writer.WriteString("etag", "0");
            writer.WriteString("name", folder.Name);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static string Sha1Like(ulong hash)
    {
        var a = DeterministicHash.Mix(hash ^ 0x5A1);
        var b = DeterministicHash.Mix(a);
        var c = DeterministicHash.Mix(b);
        return string.Create(CultureInfo.InvariantCulture, $"{a:x16}{b:x16}{c >> 32:x8}");
    }

    private void WriteDetails(Utf8JsonWriter writer, in BoxEventShape shape, string? hostile)
    {
        switch (shape.Details)
        {
            case 0:
                return;
            case 1:
                writer.WriteNull("additional_details");
                return;
        }

        var details = new ArrayBufferWriter<byte>(256);
        using (var inner = new Utf8JsonWriter(details, SimulatorJson.EventWriterOptions))
        {
            WriteDetailsObject(inner, in shape, hostile);
        }

        if (shape.Details == 3)
        {
            // Some events carry the object as a string holding its JSON (Panther's helper decodes it).
            writer.WriteString("additional_details", details.WrittenSpan);
        }
        else
        {
            writer.WriteFragment("additional_details", details.WrittenSpan);
        }
    }

    private void WriteDetailsObject(Utf8JsonWriter writer, in BoxEventShape shape, string? hostile)
    {
        var hash = DeterministicHash.Mix(shape.Hash ^ 0xDE7A);
        writer.WriteStartObject();
        switch (shape.Family)
        {
            case EventFamily.Sharing:
                writer.WriteString("shared_link_id", Alphanumeric(hash, 12));
                writer.WriteString("access", SharedLinkAccess[(int)(hash % 3)]);
                writer.WriteBoolean("password_protected", hash % 2 == 0);
                break;
            case EventFamily.Collaboration:
                writer.WriteString("type", "box://event/additional_details/collaboration");
                writer.WriteString("collab_id", Digits(hash, 52_000_000_000, 999_999_999));
                writer.WriteString("role", CollaborationRoles[(int)(hash % (ulong)CollaborationRoles.Length)]);
                writer.WriteBoolean("is_performed_by_admin", hash % 4 == 0);
                writer.WriteString("invitation_message", string.Empty);
                break;
            case EventFamily.ShieldAlert:
                var user = _pools.Users[(int)(hash % BoxDatasetPools.EnterpriseUserCount)];
                writer.WritePropertyName("shield_alert");
                writer.WriteStartObject();
                writer.WriteString("rule_category", ShieldRules[(int)(hash % (ulong)ShieldRules.Length)]);
                writer.WriteNumber("risk_score", (int)(hash >> 8 & 0x3F) + 36);
                writer.WriteString("alert_id", Digits(hash >> 3, 600, 9_000));
                writer.WriteString("priority", hash % 2 == 0 ? "high" : "medium");
                writer.WritePropertyName("user");
                writer.WriteStartObject();
                writer.WriteString("id", user.Id);
                writer.WriteString("name", user.Name);
                writer.WriteString("email", user.Login);
                writer.WriteEndObject();
                writer.WriteEndObject();
                break;
            case EventFamily.User:
                writer.WriteString("old_value", AdminRoles[(int)(hash % 2)]);
                writer.WriteString("new_value", AdminRoles[2 + (int)(hash >> 1 & 1)]);
                break;
            case EventFamily.App:
                writer.WriteString("client_id", Alphanumeric(hash, 32));
                writer.WriteString("app_name", AppNames[(int)(hash % (ulong)AppNames.Length)]);
                break;
            case EventFamily.Admin or EventFamily.Governance or EventFamily.Security:
                writer.WriteString("policy_id", Digits(hash, 100_000, 899_999));
                writer.WriteString("policy_name", PolicyNames[(int)(hash % (ulong)PolicyNames.Length)]);
                break;
            case EventFamily.Sign:
                writer.WriteString("sign_request_id", Alphanumeric(hash, 20));
                writer.WriteString("status", "signed");
                break;
            default:
                writer.WriteNumber("size", (long)(hash % 5_000_000) + 1024);
                writer.WriteString("version_id", Digits(hash >> 5, 1_634_550_000_000, 99_999_999));
                writer.WriteString("service_id", Digits(hash >> 9, 10_000, 89_999));
                writer.WriteString("service_name", ServiceNames[(int)(hash % (ulong)ServiceNames.Length)]);
                break;
        }

        if (hostile is not null)
        {
            writer.WriteString("message", hostile);
        }

        writer.WriteEndObject();
    }
}
