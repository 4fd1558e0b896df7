using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using AuditBridge.Events;
using AuditBridge.Sources.Json;
using AuditBridge.Sources.Mapping;

namespace AuditBridge.Sources.Box;

/// <summary>
/// Pure mapping of one Box enterprise <c>Event</c> (saas-apis.md B.3) to the normalized <see cref="AuditEvent"/>.
/// Event types and shapes are open: an unknown type maps to category <c>other</c>, an unknown <c>source</c> shape to the
/// closest generic object, never an error. The full table is docs/formats/box.md.
/// </summary>
internal sealed class BoxEventMapper(string sourceName, Func<string, string, int> severity) : IVendorEventMapper
{
    /// <summary>Box's id for anonymous (not signed-in) users: <c>created_by.id == "2"</c>, "Unknown User".</summary>
    public const string AnonymousUserId = "2";

    /// <summary>A Box Shield alert: the user it is about is in <c>additional_details.shield_alert.user</c>.</summary>
    public const string ShieldAlert = "SHIELD_ALERT";

    // Box's folder id of a user's root ("All Files"): the first entry of every path_collection, left out of paths.
    private const string RootFolderId = "0";

    // Service accounts of JWT and Client Credentials apps sign in as AutomationUser_<id>_<key>@boxdevedition.com.
    private const string ServiceAccountDomain = "@boxdevedition.com";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly BoxEventTypes _types = BoxEventTypes.Instance;

    /// <inheritdoc/>
    public string Vendor => BoxSourceFactory.Type;

    /// <inheritdoc/>
    public string? Validate(JsonElement vendorEvent) => BoxPage.Check(vendorEvent);

    /// <summary>Maps a validated page entry (it has an event_id, an event_type and a valid created_at).</summary>
    public AuditEvent Map(JsonElement boxEvent)
    {
        var id = JsonRead.String(boxEvent, "event_id"u8) ?? throw new ArgumentException("The event has no event_id; pages are validated before mapping.", nameof(boxEvent));
        var action = JsonRead.String(boxEvent, "event_type"u8) ?? throw new ArgumentException("The event has no event_type; pages are validated before mapping.", nameof(boxEvent));
        if (!BoxTime.TryParse(JsonRead.String(boxEvent, "created_at"u8), out var time))
        {
            throw new ArgumentException("The event has no valid created_at; pages are validated before mapping.", nameof(boxEvent));
        }

        var category = _types.CategoryOf(action);
        var rawSpan = JsonMarshal.GetRawUtf8Value(boxEvent);
        var raw = rawSpan.ToArray();
        var source = JsonRead.Object(boxEvent, "source"u8);
        var accessibleBy = JsonRead.Object(boxEvent, "accessible_by"u8);
        using var detailsDocument = DetailsFromString(boxEvent);
        var actor = Principal(JsonRead.Object(boxEvent, "created_by"u8));
        var target = Target(accessibleBy, source);
        if (action == ShieldAlert)
        {
            (actor, target) = ShieldAlertPrincipals(actor, detailsDocument?.RootElement ?? JsonRead.Object(boxEvent, "additional_details"u8)) ?? (actor, target);
        }

        return new AuditEvent
        {
            Id = id,
            Vendor = "box",
            Source = sourceName,
            Time = time,
            Category = category,
            Action = action,
            Description = _types.DescriptionOf(action) ?? action,
            Actor = actor,
            Target = target,
            Ip = IpAddress(JsonRead.String(boxEvent, "ip_address"u8)),
            Objects = source is { } item ? [Object(item)] : [],
            Outcome = Outcome(action),
            Severity = severity(category, action),
            Sections = Sections(boxEvent, rawSpan, raw, detailsDocument),
            Indicators = Indicators.Collect(boxEvent, "additional_details", detailsDocument?.RootElement, IndicatorRules.Box),
            Raw = raw,
        };
    }

    /// <summary>
    /// Success or failure from the event type: Box names failed and blocked actions in the type (<c>FAILED_LOGIN</c>,
    /// <c>DEVICE_TRUST_CHECK_FAILED</c>, <c>…_POLICY_VIOLATION</c>, <c>SHIELD_…_BLOCKED</c>); a sign-in event is a success.
    /// Other events record something that happened, but Box does not say more, so they stay unknown.
    /// </summary>
    internal static EventOutcome Outcome(string action)
    {
        if (action.Contains("FAILED", StringComparison.Ordinal)
            || action.EndsWith("_VIOLATION", StringComparison.Ordinal)
            || action.Contains("_BLOCKED", StringComparison.Ordinal))
        {
            return EventOutcome.Failure;
        }

        return action is "LOGIN" or "ADMIN_LOGIN" ? EventOutcome.Success : EventOutcome.Unknown;
    }

    /// <summary>Box's <c>ip_address</c> when it is an IP address; Box also sends values such as "Unknown IP".</summary>
    internal static string? IpAddress(string? text)
    {
        if (text is null || !IPAddress.TryParse(text, out var address))
        {
            return null;
        }

        // IPAddress also accepts "1" or "10.1" as IPv4 shorthands; an event's address is always written in full.
        return address.AddressFamily == AddressFamily.InterNetworkV6 || text.Count(static c => c == '.') == 3 ? text : null;
    }

    /// <summary>A Box user or group (<c>User--Mini</c>, <c>Group--Mini</c>): id 2 is the anonymous user.</summary>
    private static Principal? Principal(JsonElement? mini)
    {
        if (mini is not { } m)
        {
            return null;
        }

        var id = JsonRead.String(m, "id"u8);
        var name = JsonRead.String(m, "name"u8);
        var login = JsonRead.String(m, "login"u8);
        return JsonRead.String(m, "type"u8) switch
        {
            "group" => new Principal(PrincipalKind.Group, id, null, name),
            _ when id == AnonymousUserId => new Principal(PrincipalKind.Anonymous, id, login, name),
            _ when login is not null && login.EndsWith(ServiceAccountDomain, StringComparison.OrdinalIgnoreCase) => new Principal(PrincipalKind.App, id, login, name),
            _ => new Principal(PrincipalKind.User, id, login, name),
        };
    }

    /// <summary>
    /// A Shield alert is about the user in <c>additional_details.shield_alert.user</c> (<c>{"id","name","email"}</c>;
    /// Elastic's Box integration maps it to <c>user.effective</c>): that user is the target. Box writes the anonymous
    /// user as the alert's <c>created_by</c>; the alert was raised by Box Shield, not by an anonymous visitor, so the
    /// actor is the system then. Null when the alert carries no user.
    /// </summary>
    private static (Principal? Actor, Principal? Target)? ShieldAlertPrincipals(Principal? actor, JsonElement? details)
    {
        if (JsonRead.Object(JsonRead.Object(details ?? default, "shield_alert"u8) ?? default, "user"u8) is not { } user)
        {
            return null;
        }

        var subject = new Principal(PrincipalKind.User, JsonRead.String(user, "id"u8), JsonRead.String(user, "email"u8) ?? JsonRead.String(user, "login"u8), JsonRead.String(user, "name"u8));
        return (actor is null or { Kind: PrincipalKind.Anonymous } ? new Principal(PrincipalKind.System, null, null, "Box Shield") : actor, subject);
    }

    /// <summary>
    /// Whom the event was done to: the user or group that gained or lost access (<c>accessible_by</c>), else a user or
    /// group that is itself the source (user and group administration), else the owner of the source item.
    /// </summary>
    private static Principal? Target(JsonElement? accessibleBy, JsonElement? source)
    {
        if (Principal(accessibleBy) is { } principal)
        {
            return principal;
        }

        if (source is not { } s)
        {
            return null;
        }

        return JsonRead.String(s, "type"u8) is "user" or "group" && JsonRead.String(s, "item_type"u8) is null
            ? Principal(s)
            : Principal(JsonRead.Object(s, "owned_by"u8));
    }

    /// <summary>The <c>source</c> as an object, for every shape of saas-apis.md B.3.</summary>
    private static EventObject Object(JsonElement source)
    {
        var type = JsonRead.String(source, "type"u8);
        if (JsonRead.String(source, "item_type"u8) is { } itemType)
        {
            // EventSource: a reference to a file or folder.
            return new EventObject(itemType, JsonRead.String(source, "item_name"u8), null, JsonRead.String(source, "item_id"u8));
        }

        switch (type)
        {
            case "file" or "folder" or "web_link":
                var name = JsonRead.String(source, "name"u8);
                return new EventObject(type, name, PathOf(source, name), JsonRead.String(source, "id"u8));
            case "user":
                return new EventObject(type, JsonRead.String(source, "name"u8) ?? JsonRead.String(source, "login"u8), null, JsonRead.String(source, "id"u8));
            case "app_item":
                return new EventObject(type, JsonRead.String(source, "app_item_type"u8), null, JsonRead.String(source, "id"u8));
        }

        if (JsonRead.String(source, "folder_id"u8) is { } folderId)
        {
            // The collaboration shape: the folder and the collaborator in one flat object.
            return new EventObject("folder", JsonRead.String(source, "folder_name"u8), null, folderId);
        }

        return new EventObject(type ?? "unknown", JsonRead.String(source, "name"u8), null, JsonRead.String(source, "id"u8));
    }

    /// <summary>
    /// <c>/Finance/Q2/forecast.xlsx</c> from <c>path_collection</c> (without the "All Files" root) and the name. An empty
    /// collection says nothing about where the item is (Box sends one with <c>"parent": null</c> for items it does not
    /// place, such as trashed ones): no path then, rather than an invented <c>/name</c> at the root.
    /// </summary>
    private static string? PathOf(JsonElement item, string? name)
    {
        if (JsonRead.Array(JsonRead.Object(item, "path_collection"u8) ?? default, "entries"u8) is not { } entries || entries.GetArrayLength() == 0)
        {
            return null;
        }

        var path = new System.Text.StringBuilder();
        foreach (var folder in entries.EnumerateArray())
        {
            if (JsonRead.String(folder, "id"u8) == RootFolderId)
            {
                continue;
            }

            path.Append('/').Append(JsonRead.String(folder, "name"u8));
        }

        return path.Append('/').Append(name).ToString();
    }

    /// <summary>
    /// The six fragments in the same slots as every vendor (ADR 0004): details = <c>additional_details</c> (decoded when
    /// Box sent it as a JSON string), actor = <c>created_by</c>, origin = <c>ip_address</c> and <c>session_id</c>, assets =
    /// <c>source</c>, participants = <c>accessible_by</c>, context = none (Box events carry no enterprise object).
    /// A fragment that is already compact is a slice of <paramref name="raw"/>, not a copy.
    /// </summary>
    private static EventSection[] Sections(JsonElement boxEvent, ReadOnlySpan<byte> rawSpan, byte[] raw, JsonDocument? detailsDocument) => VendorSections.Create(
        Details(boxEvent, rawSpan, raw, detailsDocument),
        VendorSections.Fragment(JsonRead.Any(boxEvent, "created_by"u8), rawSpan, raw),
        Origin(boxEvent),
        VendorSections.Fragment(JsonRead.Any(boxEvent, "source"u8), rawSpan, raw),
        VendorSections.Fragment(JsonRead.Any(boxEvent, "accessible_by"u8), rawSpan, raw),
        VendorSections.Null);

    /// <summary>
    /// <c>additional_details</c> sent as a string holding JSON (some events do; Panther parses it too), parsed; null when
    /// it is an object, absent, blank or a string that is not JSON.
    /// </summary>
    private static JsonDocument? DetailsFromString(JsonElement boxEvent)
    {
        if (JsonRead.Any(boxEvent, "additional_details"u8) is not { ValueKind: JsonValueKind.String } text
            || JsonRead.Text(text) is not { } inner
            || string.IsNullOrWhiteSpace(inner))
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(inner);
        }
        catch (JsonException)
        {
            // Not JSON after all: it stays the string it is.
            return null;
        }
    }

    /// <summary><c>additional_details</c>, decoded when it came as a string holding JSON (<paramref name="detailsDocument"/>).</summary>
    private static ReadOnlyMemory<byte> Details(JsonElement boxEvent, ReadOnlySpan<byte> rawSpan, byte[] raw, JsonDocument? detailsDocument)
    {
        if (detailsDocument is not null)
        {
            return CompactJson.IsEmpty(detailsDocument.RootElement) ? VendorSections.Null : CompactJson.From(detailsDocument.RootElement);
        }

        var details = JsonRead.Any(boxEvent, "additional_details"u8);
        return details is { ValueKind: JsonValueKind.String } text && string.IsNullOrWhiteSpace(JsonRead.Text(text))
            ? VendorSections.Null
            : VendorSections.Fragment(details, rawSpan, raw);
    }

    private static ReadOnlyMemory<byte> Origin(JsonElement boxEvent)
    {
        var ip = JsonRead.Any(boxEvent, "ip_address"u8);
        var session = JsonRead.Any(boxEvent, "session_id"u8);
        if (ip is null && session is null)
        {
            return VendorSections.Null;
        }

        var buffer = new ArrayBufferWriter<byte>(96);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            if (ip is { } address)
            {
                writer.WritePropertyName("ip_address");
                JsonRead.WriteValue(writer, address);
            }

            if (session is { } id)
            {
                writer.WritePropertyName("session_id");
                JsonRead.WriteValue(writer, id);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }
}
