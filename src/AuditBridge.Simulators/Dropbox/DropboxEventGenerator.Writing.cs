using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;

namespace AuditBridge.Simulators.Dropbox;

public sealed partial class DropboxEventGenerator
{
    private const ulong TenPow19 = 10_000_000_000_000_000_000;

    private static readonly JsonEncodedText MissingDetailsTag = JsonEncodedText.Encode("missing_details");
    private static readonly JsonEncodedText FileTag = JsonEncodedText.Encode("file");
    private static readonly JsonEncodedText FolderTag = JsonEncodedText.Encode("folder");
    private static readonly JsonEncodedText GroupTag = JsonEncodedText.Encode("group");
    private static readonly JsonEncodedText UserTag = JsonEncodedText.Encode("user");
    private static readonly JsonEncodedText TeamMemberTag = JsonEncodedText.Encode("team_member");
    private static readonly JsonEncodedText ApiTag = JsonEncodedText.Encode("api");
    private static readonly JsonEncodedText[] EndUserTags = [JsonEncodedText.Encode("web"), JsonEncodedText.Encode("desktop"), JsonEncodedText.Encode("mobile")];
    private static readonly JsonEncodedText[] WebSessionTags =
    [
        JsonEncodedText.Encode("admin_console"), JsonEncodedText.Encode("content_manager"),
        JsonEncodedText.Encode("enterprise_console"), JsonEncodedText.Encode("sign_in_as"),
    ];

    private static readonly byte[][] SessionPrefixes = [[.. "dbwsid:"u8], [.. "dbdsid:"u8], [.. "dbmsid:"u8]];
    private static readonly byte[] DropboxActorJson = SimulatorJson.Fragment(w => TagOnly(w, "dropbox"));
    private static readonly byte[] AnonymousJson = SimulatorJson.Fragment(w => TagOnly(w, "anonymous"));
    private static readonly byte[] TeamContextJson = SimulatorJson.Fragment(w => TagOnly(w, "team"));
    private static readonly byte[] MissingDetailsJson = SimulatorJson.Fragment(w => TagOnly(w, "missing_details"));

    private static readonly JsonEncodedText[] LoginMethods = Encoded(
        "password", "two_factor_authentication", "saml", "google_oauth", "apple_oauth", "microsoft_oauth", "passkey", "web_session", "qr_code");

    private static readonly JsonEncodedText[] TfaConfigurations = Encoded("authenticator", "sms", "disabled");

    private static readonly JsonEncodedText[] AdminRoles = Encoded(
        "member_only", "team_admin", "user_management_admin", "support_admin", "limited_admin", "billing_admin", "compliance_admin", "security_admin");

    private static readonly JsonEncodedText[] MemberStatuses = Encoded("not_joined", "invited", "active", "suspended", "removed");

    private static readonly JsonEncodedText[] SharedLinkAccessLevels = Encoded("none", "reader", "writer");

    private static readonly JsonEncodedText[] AccessLevels = Encoded("owner", "editor", "viewer", "viewer_no_comment", "traverse");

    private static readonly (JsonEncodedText User, JsonEncodedText Technical)[] LoginFailures =
    [
        (JsonEncodedText.Encode("Incorrect password"), JsonEncodedText.Encode("invalid_password")),
        (JsonEncodedText.Encode("Your account is locked"), JsonEncodedText.Encode("account_locked")),
        (JsonEncodedText.Encode("Two-step verification failed"), JsonEncodedText.Encode("tfa_code_invalid")),
    ];

    private static readonly JsonEncodedText[] SourceEventFields = Encoded(
        "{\"timestamp\": \"partial\"}", "event_type,actor,origin");

    private readonly byte[][] _categoryJson;
    private readonly byte[][] _eventTypeJson;
    private readonly byte[][] _eventTypePrefixedJson;
    private readonly JsonEncodedText[] _typeTag;
    private readonly JsonEncodedText[] _detailsTag;
    private readonly byte[][] _detailsTagOnlyJson;
    private readonly DetailsKind[] _detailsKind;

    /// <summary>Writes event <paramref name="index"/> as one JSON object; field order follows the reference's examples.</summary>
    internal override void WriteEvent(Utf8JsonWriter writer, long index)
    {
        var shape = ComputeShape(index);
        var hostile = shape.IsHostile ? HostileValues.All[HostileTurn(index, HostileValues.All.Length)] : null;
        Span<byte> scratch = stackalloc byte[64];

        writer.WriteStartObject();
        if (IsPoison(index))
        {
            // A vendor slip no mapper can read past: the time as a number of seconds.
            writer.WriteNumber(JsonNames.Timestamp, (TimeTicks(index) - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerSecond);
        }
        else
        {
            var length = FormatTimestamp(TimeTicks(index), scratch);
            writer.WriteString(JsonNames.Timestamp, scratch[..length]);
        }

        writer.WriteFragment(JsonNames.EventCategory, _categoryJson[_catalog.CategoryOf[shape.Type]]);
        WriteActor(writer, in shape, hostile);
        WriteOrigin(writer, in shape, index, scratch);
        writer.WriteBoolean(JsonNames.InvolveNonTeamMember, shape.InvolvesNonTeamMember);
        WriteContext(writer, in shape);
        WriteParticipants(writer, in shape, hostile);
        WriteAssets(writer, in shape, index, hostile, scratch);
        WriteEventType(writer, in shape, hostile);
        WriteDetails(writer, in shape, hostile);
        writer.WriteEndObject();
    }

    private static int FormatTimestamp(long ticks, Span<byte> destination)
    {
        // "s" is the sortable pattern yyyy-MM-ddTHH:mm:ss; Dropbox appends a literal Z and never a fraction.
        new DateTime(ticks, DateTimeKind.Utc).TryFormat(destination, out var written, "s", CultureInfo.InvariantCulture);
        destination[written] = (byte)'Z';
        return written + 1;
    }

    private static void TagOnly(Utf8JsonWriter writer, string tag)
    {
        writer.WriteStartObject();
        writer.WriteString(JsonNames.Tag, tag);
        writer.WriteEndObject();
    }

    private static void WriteTagObject(Utf8JsonWriter writer, JsonEncodedText name, JsonEncodedText tag)
    {
        writer.WritePropertyName(name);
        writer.WriteStartObject();
        writer.WriteString(JsonNames.Tag, tag);
        writer.WriteEndObject();
    }

    private static JsonEncodedText[] Encoded(params string[] values) => [.. values.Select(v => JsonEncodedText.Encode(v))];

    private static T Pick<T>(T[] values, ulong hash, int shift) => values[DeterministicHash.Low(hash >> shift, values.Length)];

    private void WriteActor(Utf8JsonWriter writer, in EventShape shape, HostileValue? hostile)
    {
        if (shape.Actor == ActorKind.None)
        {
            return;
        }

        writer.WritePropertyName(JsonNames.Actor);
        if (hostile is not null)
        {
            writer.WriteStartObject();
            writer.WriteString(JsonNames.Tag, UserTag);
            writer.WritePropertyName(JsonNames.User);
            WriteHostileUser(writer, _pools.Accounts[shape.ActorRef], hostile);
            writer.WriteEndObject();
            return;
        }

        var json = shape.Actor switch
        {
            ActorKind.UserTeamMember or ActorKind.UserNonTeamMember or ActorKind.UserTrustedNonTeamMember => _pools.ActorUserJson[shape.ActorRef],
            ActorKind.Admin => _pools.ActorAdminJson[shape.ActorRef],
            ActorKind.AppTeamLinked or ActorKind.AppUserLinked or ActorKind.AppUserOrTeamLinked => _pools.AppActorJson[shape.ActorRef],
            ActorKind.Reseller => _pools.ResellerActorJson[shape.ActorRef],
            ActorKind.Dropbox => DropboxActorJson,
            _ => AnonymousJson,
        };
        writer.WriteFragment(json);
    }

    private static void WriteHostileUser(Utf8JsonWriter writer, PoolAccount account, HostileValue hostile)
    {
        writer.WriteStartObject();
        writer.WriteString(JsonNames.Tag, TeamMemberTag);
        writer.WriteString(JsonNames.AccountId, account.AccountId);
        writer.WriteFragment(JsonNames.DisplayName, hostile.Encoded);
        writer.WriteFragment(JsonNames.Email, hostile.Email);
        if (account.TeamMemberId is not null)
        {
            writer.WriteString(JsonNames.TeamMemberId, account.TeamMemberId);
        }

        writer.WriteEndObject();
    }

    private void WriteOrigin(Utf8JsonWriter writer, in EventShape shape, long index, Span<byte> scratch)
    {
        if (shape.Origin == OriginKind.Absent)
        {
            return;
        }

        writer.WritePropertyName(JsonNames.Origin);
        writer.WriteStartObject();
        if (shape.Origin != OriginKind.NoGeo)
        {
            var place = shape.Origin == OriginKind.GeoIPv6 ? _pools.PlacesV6[shape.Place] : _pools.PlacesV4[shape.Place];
            writer.WritePropertyName(JsonNames.GeoLocation);
            writer.WriteStartObject();
            if (place.City is { } city)
            {
                writer.WriteString(JsonNames.City, city);
            }

            if (place.Region is { } region)
            {
                writer.WriteString(JsonNames.Region, region);
            }

            if (place.Country is { } country)
            {
                writer.WriteString(JsonNames.Country, country);
            }

            writer.WriteString(JsonNames.IpAddress, FormatAddress(place, shape.OriginHash, scratch));
            writer.WriteEndObject();
        }

        writer.WritePropertyName(JsonNames.AccessMethod);
        writer.WriteStartObject();
        switch (shape.Access)
        {
            case AccessMethodKind.EndUserWeb or AccessMethodKind.EndUserDesktop or AccessMethodKind.EndUserMobile:
            {
                var kind = shape.Access - AccessMethodKind.EndUserWeb;
                writer.WriteString(JsonNames.Tag, JsonNames.EndUser);
                writer.WritePropertyName(JsonNames.EndUser);
                writer.WriteStartObject();
                writer.WriteString(JsonNames.Tag, EndUserTags[kind]);
                writer.WriteString(JsonNames.SessionId, FormatSessionId(SessionPrefixes[kind], index, shape.OriginHash, scratch));
                writer.WriteEndObject();
                break;
            }

            case AccessMethodKind.Api:
                writer.WriteString(JsonNames.Tag, ApiTag);
                writer.WriteString(JsonNames.RequestId, FormatRequestId(index, shape.OriginHash, scratch));
                break;

            default:
                writer.WriteString(JsonNames.Tag, WebSessionTags[shape.Access switch
                {
                    AccessMethodKind.AdminConsole => 0,
                    AccessMethodKind.ContentManager => 1,
                    AccessMethodKind.EnterpriseConsole => 2,
                    _ => 3,
                }]);
                writer.WriteString(JsonNames.SessionId, FormatSessionId(SessionPrefixes[0], index, shape.OriginHash, scratch));
                break;
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static ReadOnlySpan<byte> FormatAddress(GeoPlace place, ulong hash, Span<byte> scratch)
    {
        var length = System.Text.Encoding.ASCII.GetBytes(place.IpPrefix, scratch);
        int written;
        if (place.IsIPv6)
        {
            Utf8Formatter.TryFormat((uint)(hash >> 40) & 0xFFFF, scratch[length..], out written, new StandardFormat('x'));
            length += written;
            scratch[length++] = (byte)':';
            Utf8Formatter.TryFormat((uint)(hash >> 24) & 0xFFFF, scratch[length..], out written, new StandardFormat('x'));
        }
        else
        {
            Utf8Formatter.TryFormat(1 + ((hash >> 40) % 254), scratch[length..], out written);
        }

        return scratch[..(length + written)];
    }

    /// <summary>Session ids carry the event index (20 digits) so that no two events share content.</summary>
    private static ReadOnlySpan<byte> FormatSessionId(byte[] prefix, long index, ulong hash, Span<byte> scratch)
    {
        prefix.CopyTo(scratch);
        var length = prefix.Length;
        Utf8Formatter.TryFormat((ulong)index, scratch[length..], out var written, new StandardFormat('D', 20));
        length += written;
        Utf8Formatter.TryFormat(hash % TenPow19, scratch[length..], out written, new StandardFormat('D', 19));
        return scratch[..(length + written)];
    }

    private static ReadOnlySpan<byte> FormatRequestId(long index, ulong hash, Span<byte> scratch)
    {
        "dbarid:"u8.CopyTo(scratch);
        var length = 7;
        Utf8Formatter.TryFormat((ulong)index, scratch[length..], out var written, new StandardFormat('x', 16));
        length += written;
        Utf8Formatter.TryFormat(hash, scratch[length..], out written, new StandardFormat('x', 16));
        return scratch[..(length + written)];
    }

    private static ReadOnlySpan<byte> FormatFileId(long index, ulong hash, Span<byte> scratch)
    {
        Span<byte> raw = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(raw, index);
        BinaryPrimitives.WriteUInt64BigEndian(raw[8..], hash);
        "id:"u8.CopyTo(scratch);
        var written = Base64Url.EncodeToUtf8(raw, scratch[3..]);
        return scratch[..(3 + written)];
    }

    private void WriteContext(Utf8JsonWriter writer, in EventShape shape)
    {
        var json = shape.Context switch
        {
            ContextKind.Absent => null,
            ContextKind.TeamMember or ContextKind.NonTeamMember or ContextKind.TrustedNonTeamMember => _pools.UserJson[shape.ContextRef],
            ContextKind.OrganizationTeam => _pools.OrganizationTeamJson,
            ContextKind.Team => TeamContextJson,
            _ => AnonymousJson,
        };
        if (json is not null)
        {
            writer.WriteFragment(JsonNames.Context, json);
        }
    }

    private void WriteParticipants(Utf8JsonWriter writer, in EventShape shape, HostileValue? hostile)
    {
        if (shape.Participants == ParticipantsKind.Absent)
        {
            return;
        }

        writer.WritePropertyName(JsonNames.Participants);
        writer.WriteStartArray();
        switch (shape.Participants)
        {
            case ParticipantsKind.User:
                writer.WriteFragment(_pools.ActorUserJson[shape.ParticipantAccount]);
                break;
            case ParticipantsKind.Group when hostile is not null:
                writer.WriteStartObject();
                writer.WriteString(JsonNames.Tag, GroupTag);
                writer.WriteString(JsonNames.GroupId, _pools.GroupIds[shape.Group]);
                writer.WriteFragment(JsonNames.DisplayName, hostile.Encoded);
                writer.WriteEndObject();
                break;
            case ParticipantsKind.Group:
                writer.WriteFragment(_pools.GroupJson[shape.Group]);
                break;
            case ParticipantsKind.Several:
                writer.WriteFragment(_pools.ActorUserJson[shape.ParticipantAccount]);
                writer.WriteFragment(_pools.GroupJson[shape.Group]);
                writer.WriteFragment(_pools.ActorUserJson[shape.SecondParticipantAccount]);
                break;
        }

        writer.WriteEndArray();
    }

    private void WriteAssets(Utf8JsonWriter writer, in EventShape shape, long index, HostileValue? hostile, Span<byte> scratch)
    {
        if (shape.Assets == AssetsKind.Absent)
        {
            return;
        }

        writer.WritePropertyName(JsonNames.Assets);
        writer.WriteStartArray();
        switch (shape.Assets)
        {
            case AssetsKind.File:
                WriteFile(writer, in shape, index, hostile, scratch);
                break;
            case AssetsKind.Folder:
                WriteFolder(writer, in shape, index, scratch);
                break;
            case AssetsKind.PaperDocument or AssetsKind.PaperFolder or AssetsKind.ShowcaseDocument:
                var documents = shape.Assets switch
                {
                    AssetsKind.PaperDocument => _pools.PaperDocumentJson,
                    AssetsKind.PaperFolder => _pools.PaperFolderJson,
                    _ => _pools.ShowcaseDocumentJson,
                };
                writer.WriteFragment(documents[shape.DocumentRef]);
                break;
            case AssetsKind.Several:
                WriteFile(writer, in shape, index, hostile: null, scratch);
                WriteFolder(writer, in shape, index, scratch);
                writer.WriteFragment(_pools.PaperDocumentJson[shape.DocumentRef]);
                break;
        }

        writer.WriteEndArray();
    }

    private void WriteFile(Utf8JsonWriter writer, in EventShape shape, long index, HostileValue? hostile, Span<byte> scratch)
    {
        var file = _pools.Files[shape.FileRef];
        writer.WriteStartObject();
        writer.WriteString(JsonNames.Tag, FileTag);
        writer.WritePropertyName(JsonNames.Path);
        if (hostile is null)
        {
            writer.WriteFragment(file.PathJson);
        }
        else
        {
            writer.WriteStartObject();
            writer.WriteFragment(JsonNames.Contextual, hostile.Contextual);
            writer.WritePropertyName(JsonNames.NamespaceRelative);
            writer.WriteStartObject();
            writer.WriteFragment(JsonNames.RelativePath, hostile.RelativePath);
            writer.WriteBoolean(JsonNames.IsSharedNamespace, false);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        DropboxJson.WriteHostileOr(writer, JsonNames.DisplayName, hostile, file.DisplayName);
        writer.WriteString(JsonNames.FileId, FormatFileId(index, shape.AssetHash, scratch));
        writer.WriteNumber(JsonNames.FileSize, (long)(shape.AssetHash % 50_000_000));
        writer.WriteEndObject();
    }

    private void WriteFolder(Utf8JsonWriter writer, in EventShape shape, long index, Span<byte> scratch)
    {
        var folder = _pools.Folders[shape.FolderRef];
        writer.WriteStartObject();
        writer.WriteString(JsonNames.Tag, FolderTag);
        writer.WriteFragment(JsonNames.Path, folder.PathJson);
        writer.WriteString(JsonNames.DisplayName, folder.DisplayName);
        writer.WriteString(JsonNames.FileId, FormatFileId(index, ~shape.AssetHash, scratch));
        writer.WriteNumber(JsonNames.FileCount, (long)((shape.AssetHash >> 20) % 5000));
        writer.WriteEndObject();
    }

    private void WriteEventType(Utf8JsonWriter writer, in EventShape shape, HostileValue? hostile)
    {
        writer.WritePropertyName(JsonNames.EventType);
        if (hostile is null)
        {
            writer.WriteFragment(shape.HasPrefixedDescription ? _eventTypePrefixedJson[shape.Type] : _eventTypeJson[shape.Type]);
            return;
        }

        writer.WriteStartObject();
        writer.WriteString(JsonNames.Tag, _typeTag[shape.Type]);
        writer.WriteFragment(JsonNames.Description, SimulatorJson.QuotedLenient($"{_catalog.Descriptions[shape.Type]} {hostile.Value}"));
        writer.WriteEndObject();
    }

    private void WriteDetails(Utf8JsonWriter writer, in EventShape shape, HostileValue? hostile)
    {
        writer.WritePropertyName(JsonNames.Details);
        var kind = _detailsKind[shape.Type];
        if (shape.HasMissingDetails)
        {
            if (hostile is null && (shape.DetailHash & 1) == 0)
            {
                writer.WriteFragment(MissingDetailsJson);
                return;
            }

            writer.WriteStartObject();
            writer.WriteString(JsonNames.Tag, MissingDetailsTag);
            DropboxJson.WriteHostileOr(writer, JsonNames.SourceEventFields, hostile, Pick(SourceEventFields, shape.DetailHash, 1));
            writer.WriteEndObject();
            return;
        }

        if (kind == DetailsKind.TagOnly)
        {
            writer.WriteFragment(_detailsTagOnlyJson[shape.Type]);
            return;
        }

        var hash = shape.DetailHash;
        writer.WriteStartObject();
        writer.WriteString(JsonNames.Tag, _detailsTag[shape.Type]);
        switch (kind)
        {
            case DetailsKind.LoginSuccess:
                writer.WriteBoolean(JsonNames.IsEmmManaged, (hash & 2) != 0);
                WriteTagObject(writer, JsonNames.LoginMethod, Pick(LoginMethods, hash, 8));
                break;
            case DetailsKind.LoginFail:
            {
                var failure = Pick(LoginFailures, hash, 8);
                writer.WriteBoolean(JsonNames.IsEmmManaged, (hash & 2) != 0);
                WriteTagObject(writer, JsonNames.LoginMethod, Pick(LoginMethods, hash, 16));
                writer.WritePropertyName(JsonNames.ErrorDetails);
                writer.WriteStartObject();
                DropboxJson.WriteHostileOr(writer, JsonNames.UserFriendlyMessage, hostile, failure.User);
                writer.WriteString(JsonNames.TechnicalErrorMessage, failure.Technical);
                writer.WriteEndObject();
                break;
            }

            case DetailsKind.TfaChangeStatus:
                WriteTagObject(writer, JsonNames.NewValue, Pick(TfaConfigurations, hash, 8));
                if ((hash & 2) != 0)
                {
                    WriteTagObject(writer, JsonNames.PreviousValue, Pick(TfaConfigurations, hash, 16));
                }

                writer.WriteBoolean(JsonNames.UsedRescueCode, (hash & 4) != 0);
                break;
            case DetailsKind.MemberChangeAdminRole:
                WriteTagObject(writer, JsonNames.NewValue, Pick(AdminRoles, hash, 8));
                WriteTagObject(writer, JsonNames.PreviousValue, Pick(AdminRoles, hash, 16));
                break;
            case DetailsKind.MemberChangeEmail:
            {
                var account = _pools.Accounts[DeterministicHash.Low(hash >> 8, DatasetPools.TeamMemberCount)];
                if (hostile is null)
                {
                    writer.WriteString(JsonNames.NewValue, account.Email);
                }
                else
                {
                    writer.WriteFragment(JsonNames.NewValue, hostile.Email);
                }

                writer.WriteString(JsonNames.PreviousValue, account.Email.Replace("@northwind.example", "@old.northwind.example", StringComparison.Ordinal));
                break;
            }

            case DetailsKind.MemberChangeStatus:
                WriteTagObject(writer, JsonNames.PreviousValue, Pick(MemberStatuses, hash, 8));
                WriteTagObject(writer, JsonNames.NewValue, Pick(MemberStatuses, hash, 16));
                break;
            case DetailsKind.SharedLinkCreate:
                WriteTagObject(writer, JsonNames.SharedLinkAccessLevel, Pick(SharedLinkAccessLevels, hash, 8));
                break;
            case DetailsKind.AppLinkTeam or DetailsKind.AppLinkUser:
                writer.WriteFragment(JsonNames.AppInfo, _pools.AppJson[(kind == DetailsKind.AppLinkTeam ? 0 : 2) + (int)((hash >> 8) & 1)]);
                break;
            case DetailsKind.SharedContentDownload:
                writer.WriteString(JsonNames.SharedContentLink, string.Create(CultureInfo.InvariantCulture, $"https://www.dropbox.com/scl/fi/{hash:x16}/shared?rlkey={hash >> 13:x12}"));
                WriteTagObject(writer, JsonNames.SharedContentAccessLevel, Pick(AccessLevels, hash, 8));
                break;
            case DetailsKind.GroupRename:
            {
                var names = _pools.EncodedGroupNames;
                var previous = DeterministicHash.Low(hash >> 8, names.Length);
                writer.WriteString(JsonNames.PreviousValue, names[previous]);
                DropboxJson.WriteHostileOr(writer, JsonNames.NewValue, hostile, names[(previous + 1) % names.Length]);
                break;
            }
        }

        writer.WriteEndObject();
    }

    private (byte[][] Category, byte[][] EventType, byte[][] Prefixed, JsonEncodedText[] TypeTag, JsonEncodedText[] DetailsTag, byte[][] DetailsTagOnly, DetailsKind[] Kinds) BuildTypeFragments()
    {
        var catalog = _catalog;
        var categoryJson = new byte[catalog.Categories.Length][];
        for (var c = 0; c < categoryJson.Length; c++)
        {
            var tag = catalog.Categories[c];
            categoryJson[c] = SimulatorJson.Fragment(w => TagOnly(w, tag));
        }

        var eventTypeJson = new byte[catalog.Count][];
        var prefixedJson = new byte[catalog.Count][];
        var typeTags = new JsonEncodedText[catalog.Count];
        var detailsTags = new JsonEncodedText[catalog.Count];
        var detailsTagOnly = new byte[catalog.Count][];
        var kinds = new DetailsKind[catalog.Count];
        for (var t = 0; t < catalog.Count; t++)
        {
            var tag = catalog.Tags[t];
            var description = catalog.Descriptions[t];
            var category = catalog.Categories[catalog.CategoryOf[t]];
            typeTags[t] = SimulatorJson.Encode(tag);
            detailsTags[t] = SimulatorJson.Encode(tag + "_details");
            eventTypeJson[t] = SimulatorJson.Fragment(w => WriteEventTypeValue(w, tag, description));

            // The spec's docstrings read "(category) Text"; real payloads usually drop the prefix (A.9), so both occur.
            prefixedJson[t] = SimulatorJson.Fragment(w => WriteEventTypeValue(w, tag, $"({category}) {description}"));
            detailsTagOnly[t] = SimulatorJson.Fragment(w => TagOnly(w, tag + "_details"));
            kinds[t] = tag switch
            {
                "login_success" => DetailsKind.LoginSuccess,
                "login_fail" => DetailsKind.LoginFail,
                "tfa_change_status" => DetailsKind.TfaChangeStatus,
                "member_change_admin_role" => DetailsKind.MemberChangeAdminRole,
                "member_change_email" => DetailsKind.MemberChangeEmail,
                "member_change_status" => DetailsKind.MemberChangeStatus,
                "shared_link_create" => DetailsKind.SharedLinkCreate,
                "app_link_team" => DetailsKind.AppLinkTeam,
                "app_link_user" => DetailsKind.AppLinkUser,
                "shared_content_download" => DetailsKind.SharedContentDownload,
                "group_rename" => DetailsKind.GroupRename,
                _ => DetailsKind.TagOnly,
            };
        }

        return (categoryJson, eventTypeJson, prefixedJson, typeTags, detailsTags, detailsTagOnly, kinds);
    }

    private static void WriteEventTypeValue(Utf8JsonWriter writer, string tag, string description)
    {
        writer.WriteStartObject();
        writer.WriteString(JsonNames.Tag, tag);
        writer.WriteString(JsonNames.Description, description);
        writer.WriteEndObject();
    }
}
