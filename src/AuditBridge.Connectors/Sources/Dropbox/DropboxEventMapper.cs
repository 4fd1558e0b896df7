using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using AuditBridge.Events;
using AuditBridge.Sources.Json;
using AuditBridge.Sources.Mapping;

namespace AuditBridge.Sources.Dropbox;

/// <summary>
/// Pure mapping of one <c>TeamEvent</c> (saas-apis.md A.9, Stone wire rules A.8) to the normalized <see cref="AuditEvent"/>.
/// Unions are open: an unknown tag keeps its raw JSON and maps to the closest generic shape, never an error.
/// The full table is docs/formats/dropbox.md.
/// </summary>
internal sealed class DropboxEventMapper(string sourceName, Func<string, string, int> severity) : IVendorEventMapper
{
    public const string IdPrefix = "dbx:";

    private static readonly SearchValues<char> CategoryCharacters = SearchValues.Create("abcdefghijklmnopqrstuvwxyz_");

    public string Vendor => DropboxSourceFactory.Type;

    /// <inheritdoc/>
    public string? Validate(JsonElement vendorEvent) => DropboxPage.Check(vendorEvent);

    /// <inheritdoc/>
    public AuditEvent Map(JsonElement vendorEvent) => Map(vendorEvent, ContentId(vendorEvent));

    /// <summary>The event's content id: <c>dbx:</c> + SHA-256 of its canonical JSON, hex.</summary>
    public static string ContentId(JsonElement teamEvent) => IdPrefix + CanonicalJson.Sha256Hex(teamEvent);

    /// <summary>Maps a validated page event (it has a timestamp and an event_type tag).</summary>
    public AuditEvent Map(JsonElement teamEvent, string id)
    {
        if (!DropboxPage.TryParseTimestamp(JsonRead.String(teamEvent, "timestamp"u8), out var time))
        {
            throw new ArgumentException("The event has no valid timestamp; pages are validated before mapping.", nameof(teamEvent));
        }

        var eventType = JsonRead.Object(teamEvent, "event_type"u8);
        var action = JsonRead.Tag(eventType) ?? "unknown";
        var category = JsonRead.Tag(JsonRead.Object(teamEvent, "event_category"u8)) ?? "unknown";
        var rawSpan = JsonMarshal.GetRawUtf8Value(teamEvent);
        var raw = rawSpan.ToArray();
        var origin = JsonRead.Object(teamEvent, "origin"u8);
        var geo = JsonRead.Object(origin ?? default, "geo_location"u8);

        return new AuditEvent
        {
            Id = id,
            Vendor = "dropbox",
            Source = sourceName,
            Time = time,
            Category = category,
            Action = action,
            Description = StripCategoryPrefix(JsonRead.String(eventType, "description"u8)),
            Actor = Actor(JsonRead.Object(teamEvent, "actor"u8)),
            Target = Target(JsonRead.Object(teamEvent, "context"u8), JsonRead.Array(teamEvent, "participants"u8)),
            Ip = JsonRead.String(geo, "ip_address"u8),
            Geo = geo is { } g ? new GeoLocation(JsonRead.String(g, "city"u8), JsonRead.String(g, "region"u8), JsonRead.String(g, "country"u8)) : null,
            Objects = Objects(JsonRead.Array(teamEvent, "assets"u8)),
            Outcome = Outcome(action),
            Severity = severity(category, action),
            Sections = Sections(teamEvent, rawSpan, raw),
            Indicators = Indicators.Collect(teamEvent, IndicatorRules.Dropbox),
            Raw = raw,
        };
    }

    /// <summary>The spec writes descriptions as "(category) Text"; real payloads mostly lack the prefix. Keep the text only.</summary>
    internal static string? StripCategoryPrefix(string? description)
    {
        if (description is null || description.Length < 3 || description[0] != '(')
        {
            return description;
        }

        var close = description.IndexOf(')', StringComparison.Ordinal);
        if (close < 2 || description.AsSpan(1, close - 1).ContainsAnyExcept(CategoryCharacters))
        {
            return description;
        }

        return description[(close + 1)..].TrimStart();
    }

    /// <summary>Success or failure from the event type's name: Dropbox marks outcomes in tags (<c>login_fail</c>, <c>device_link_success</c>).</summary>
    internal static EventOutcome Outcome(string action) => EventOutcomes.FromSuffix(action);

    private static Principal? Actor(JsonElement? actor)
    {
        var tag = JsonRead.Tag(actor);
        if (actor is not { } a || tag is null)
        {
            return null;
        }

        return tag switch
        {
            "user" => User(JsonRead.Object(a, "user"u8), PrincipalKind.User),
            "admin" => User(JsonRead.Object(a, "admin"u8), PrincipalKind.Admin),
            "app" => App(JsonRead.Object(a, "app"u8)),
            "reseller" => new Principal(PrincipalKind.Reseller, null, JsonRead.String(a, "reseller_email"u8), JsonRead.String(a, "reseller_name"u8)),
            "dropbox" => new Principal(PrincipalKind.System),
            "anonymous" => new Principal(PrincipalKind.Anonymous),

            // An actor kind newer than this code: take a nested user-like payload if there is one.
            _ => User(JsonRead.Object(a, tag) ?? a, PrincipalKind.User),
        };
    }

    private static Principal? User(JsonElement? user, PrincipalKind kind) => user is { } u
        ? new Principal(kind, JsonRead.String(u, "team_member_id"u8) ?? JsonRead.String(u, "account_id"u8), JsonRead.String(u, "email"u8), JsonRead.String(u, "display_name"u8))
        : new Principal(kind);

    private static Principal App(JsonElement? app) => app is { } a
        ? new Principal(PrincipalKind.App, JsonRead.String(a, "app_id"u8), null, JsonRead.String(a, "display_name"u8))
        : new Principal(PrincipalKind.App);

    /// <summary>
    /// Whom the event was done to. <c>participants</c> are "the users or groups affected by the action" (excluding the
    /// actor and the context), so they come first: the first participant user, else the first participant group. Only
    /// then the <c>context</c> user, on whose behalf the action was taken, which is often the actor itself (in
    /// <c>shared_content_add_member</c> the sharer is the context and the added member a participant; in
    /// <c>shared_folder_transfer_ownership</c> the new owner is). Else the team.
    /// </summary>
    private static Principal? Target(JsonElement? context, JsonElement? participants)
    {
        Principal? group = null;
        if (participants is { } list)
        {
            foreach (var participant in list.EnumerateArray())
            {
                switch (JsonRead.Tag(participant))
                {
                    case "user":
                        return User(JsonRead.Object(participant, "user"u8), PrincipalKind.User);
                    case "group":
                        group ??= new Principal(PrincipalKind.Group, JsonRead.String(participant, "group_id"u8), null, JsonRead.String(participant, "display_name"u8));
                        break;
                }
            }
        }

        if (group is not null)
        {
            return group;
        }

        var contextTag = JsonRead.Tag(context);
        if (context is { } c && contextTag is "team_member" or "non_team_member" or "trusted_non_team_member")
        {
            return User(c, PrincipalKind.User);
        }

        return contextTag switch
        {
            "organization_team" => new Principal(PrincipalKind.Team, null, null, JsonRead.String(context, "display_name"u8)),
            "team" => new Principal(PrincipalKind.Team),
            "anonymous" => new Principal(PrincipalKind.Anonymous),
            _ => null,
        };
    }

    private static EventObject[] Objects(JsonElement? assets)
    {
        if (assets is not { } list || list.GetArrayLength() == 0)
        {
            return [];
        }

        var objects = new EventObject[list.GetArrayLength()];
        var i = 0;
        foreach (var asset in list.EnumerateArray())
        {
            objects[i++] = Object(asset);
        }

        return objects;
    }

    private static EventObject Object(JsonElement asset)
    {
        var tag = JsonRead.Tag(asset) ?? "unknown";
        switch (tag)
        {
            case "paper_document":
                return new EventObject(tag, JsonRead.String(asset, "doc_title"u8), null, JsonRead.String(asset, "doc_id"u8));
            case "paper_folder":
                return new EventObject(tag, JsonRead.String(asset, "folder_name"u8), null, JsonRead.String(asset, "folder_id"u8));
            case "showcase_document":
                return new EventObject(tag, JsonRead.String(asset, "showcase_title"u8), null, JsonRead.String(asset, "showcase_id"u8));
            default:
                // file, folder, and any newer asset kind shaped like them.
                var path = JsonRead.Object(asset, "path"u8);
                var fullPath = JsonRead.String(path, "contextual"u8) ?? JsonRead.String(JsonRead.Object(path ?? default, "namespace_relative"u8), "relative_path");
                var name = JsonRead.String(asset, "display_name"u8) ?? LastSegment(fullPath);
                return new EventObject(tag, name, fullPath, JsonRead.String(asset, "file_id"u8));
        }
    }

    private static string? LastSegment(string? path)
    {
        if (path is null)
        {
            return null;
        }

        var trimmed = path.TrimEnd('/');
        var slash = trimmed.LastIndexOf('/');
        return slash < 0 ? trimmed : trimmed[(slash + 1)..] is { Length: > 0 } last ? last : null;
    }

    /// <summary>
    /// All six fragments, always in the same slots (CEF cs1 details … cs6 context, as the issue and the seed's layout
    /// number them); an absent or empty one is the JSON <c>null</c>, which formats skip without renumbering the rest.
    /// A fragment that is already compact (the API sends compact JSON) is a slice of <paramref name="raw"/>, not a copy.
    /// </summary>
    private static EventSection[] Sections(JsonElement teamEvent, ReadOnlySpan<byte> rawSpan, byte[] raw) => VendorSections.Create(
        VendorSections.Fragment(JsonRead.Any(teamEvent, "details"u8), rawSpan, raw),
        VendorSections.Fragment(JsonRead.Any(teamEvent, "actor"u8), rawSpan, raw),
        VendorSections.Fragment(JsonRead.Any(teamEvent, "origin"u8), rawSpan, raw),
        VendorSections.Fragment(JsonRead.Any(teamEvent, "assets"u8), rawSpan, raw),
        VendorSections.Fragment(JsonRead.Any(teamEvent, "participants"u8), rawSpan, raw),
        VendorSections.Fragment(JsonRead.Any(teamEvent, "context"u8), rawSpan, raw));
}
