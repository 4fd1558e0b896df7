using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AuditBridge.Sources.Http;
using AuditBridge.Sources.Paging;

namespace AuditBridge.Sources.Dropbox;

/// <summary>
/// HTTP only: the two team_log routes, their request bodies and the classification of their answers
/// (saas-apis.md A.2–A.6). It never touches checkpoints; the paging engine does (<see cref="DropboxPaging"/>).
/// </summary>
internal sealed class DropboxApiClient
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly VendorHttpClient _http;
    private readonly Uri _getEvents;
    private readonly Uri _continue;
    private readonly bool _canRefresh;

    public DropboxApiClient(VendorHttpClient http, DropboxSourceOptions options)
    {
        _http = http;
        _getEvents = new Uri(options.ApiUrl, "2/team_log/get_events");
        _continue = new Uri(options.ApiUrl, "2/team_log/get_events/continue");
        _canRefresh = options.Credentials.CanRefresh;
    }

    /// <summary>Starts a query (<c>get_events</c>); <paramref name="startTime"/> overrides the query's start when recovering.</summary>
    public Task<VendorPage> GetEventsAsync(DropboxQuery query, DateTimeOffset? startTime, CancellationToken cancellationToken)
    {
        var start = startTime ?? query.StartTime;
        var body = GetEventsBody(query, start);
        var request = start is { } from ? $"get_events from {DropboxTime.Format(from)}" : "get_events from the beginning";
        return _http.SendAsync("get_events", () => Post(_getEvents, body), r => Handle(r, request, isContinue: false), DropboxErrorBody.RetryAfter, cancellationToken);
    }

    /// <summary>Continues a query (<c>get_events/continue</c>).</summary>
    /// <exception cref="PositionRefusedException">The cursor was reset or is not valid.</exception>
    public Task<VendorPage> ContinueAsync(string cursor, CancellationToken cancellationToken)
    {
        var body = ContinueBody(cursor);
        return _http.SendAsync("get_events/continue", () => Post(_continue, body), r => Handle(r, $"get_events/continue with cursor {cursor}", isContinue: true), DropboxErrorBody.RetryAfter, cancellationToken);
    }

    internal static byte[] GetEventsBody(DropboxQuery query, DateTimeOffset? startTime)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteNumber("limit", query.Limit);
            if (query.AccountId is not null)
            {
                writer.WriteString("account_id", query.AccountId);
            }

            if (startTime is not null || query.EndTime is not null)
            {
                writer.WriteStartObject("time");
                if (startTime is { } start)
                {
                    writer.WriteString("start_time", DropboxTime.Format(start));
                }

                if (query.EndTime is { } end)
                {
                    writer.WriteString("end_time", DropboxTime.Format(end));
                }

                writer.WriteEndObject();
            }

            // Void union members may be sent in the short form ("category": "logins").
            if (query.Category is not null)
            {
                writer.WriteString("category", query.Category);
            }

            if (query.EventType is not null)
            {
                writer.WriteString("event_type", query.EventType);
            }

            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static byte[] ContinueBody(string cursor)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("cursor", cursor);
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static HttpRequestMessage Post(Uri url, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        return new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
    }

    private VendorPage Handle(VendorResponse response, string request, bool isContinue)
    {
        if (response.Status == HttpStatusCode.OK)
        {
            return DropboxPage.Parse(response, request);
        }

        var tag = DropboxErrorBody.Tag(response);
        var status = (int)response.Status;
        switch (response.Status)
        {
            case HttpStatusCode.Conflict when isContinue && tag == "reset":
                DateTimeOffset? resetTime = DropboxPage.TryParseTimestamp(DropboxErrorBody.StringPayload(response, "reset"), out var at) ? at : null;
                throw new PositionRefusedException("Dropbox reset the cursor", "reset", resetTime);
            case HttpStatusCode.Conflict when isContinue && tag == "bad_cursor":
                throw new PositionRefusedException("Dropbox rejected the cursor (bad_cursor)", "bad_cursor", restartHint: null);
            case HttpStatusCode.Conflict:
                throw Permanent(SourceErrorKind.InvalidRequest, tag switch
                {
                    "account_id_not_found" => "Dropbox knows no team member with the account id given (account_id_not_found): check --account-id.",
                    "invalid_time_range" => "Dropbox refused the time range (invalid_time_range): --start-time must be before --end-time, both in the past or present.",
                    "invalid_filters" => "Dropbox refused the filters (invalid_filters): use --category or --event-type, not both.",
                    _ => $"Dropbox refused the request (HTTP 409, {Describe(response, tag)}); this error is not one AuditBridge knows how to fix automatically.",
                });
            case HttpStatusCode.BadRequest:
                throw Permanent(SourceErrorKind.InvalidRequest, $"Dropbox rejected the request as malformed (HTTP 400: {response.Describe()}). Check the filters (--category, --event-type, --limit, --start-time, --end-time) and that the token belongs to a team app that may call team_log.");
            case HttpStatusCode.Unauthorized:
                throw Permanent(SourceErrorKind.Authentication, tag switch
                {
                    "expired_access_token" when !_canRefresh => "The Dropbox access token has expired (short-lived tokens last 4 hours). Use a refresh token instead: set DROPBOX_REFRESH_TOKEN, DROPBOX_APP_KEY and DROPBOX_APP_SECRET.",
                    "expired_access_token" => "Dropbox still reports the access token as expired right after a refresh; check the system clock and the app's settings.",
                    "missing_scope" => $"The Dropbox app lacks the scope {(DropboxErrorBody.Field(response, "required_scope") is { } scope ? response.Quote(scope, 80) : "events.read")}: enable it in the App Console (Permissions tab), then authorize the app again to get a new token.",
                    "user_suspended" => "The Dropbox admin who authorized the app is suspended: authorize the app again with an active team admin.",
                    "route_access_denied" => "Dropbox denies this app access to team_log (route_access_denied): use a team-scoped app with the events.read scope.",
                    "invalid_access_token" or null => "Dropbox rejected the access token (invalid_access_token): it is wrong, revoked, or not a team token. Set DROPBOX_ACCESS_TOKEN to a valid team token, or use DROPBOX_REFRESH_TOKEN with DROPBOX_APP_KEY and DROPBOX_APP_SECRET.",
                    _ => $"Dropbox rejected the credentials ({response.Quote(tag, 80)}): authorize the app again and update the token.",
                });
            case HttpStatusCode.Forbidden:
                throw Permanent(SourceErrorKind.Permission, $"Dropbox denied access (HTTP 403, {Describe(response, tag)}): the app needs the Team Auditing permission (scope events.read) and must be authorized by a team admin.");
            default:
                throw Permanent(SourceErrorKind.InvalidRequest, $"Dropbox answered HTTP {status} ({response.Describe()}); check --api-url.");
        }
    }

    // The error tag names the problem best; without one, the body says what there is. Both are the vendor's text.
    private static string Describe(VendorResponse response, string? tag) => tag is null ? response.Describe() : response.Quote(tag, 80);

    private static SourceException Permanent(SourceErrorKind kind, string message) => new(kind, message, isTransient: false);
}
