using System.Globalization;
using System.Net;
using System.Text;
using AuditBridge.Sources.Http;
using AuditBridge.Sources.Paging;

namespace AuditBridge.Sources.Box;

/// <summary>
/// HTTP only: <c>GET /2.0/events</c> for the enterprise streams, its query string, and the classification of its answers
/// (saas-apis.md B.1, B.6). It never touches checkpoints; the paging engine does (<see cref="BoxPaging"/>).
/// </summary>
internal sealed class BoxApiClient
{
    private readonly VendorHttpClient _http;
    private readonly BoxSourceOptions _options;
    private readonly Uri _events;

    public BoxApiClient(VendorHttpClient http, BoxSourceOptions options)
    {
        _http = http;
        _options = options;
        _events = new Uri(options.ApiUrl, "2.0/events");
    }

    /// <summary>Reads one page.</summary>
    /// <exception cref="PositionRefusedException">Box refused <see cref="BoxEventsRequest.Position"/> (a real position, not 0 or now).</exception>
    public Task<VendorPage> GetEventsAsync(BoxEventsRequest request, CancellationToken cancellationToken)
    {
        var url = new Uri(_events, QueryString(_options, request));
        return _http.SendAsync("GET /2.0/events", () => new HttpRequestMessage(HttpMethod.Get, url), r => Handle(r, request), retryAfterFromBody: null, cancellationToken);
    }

    /// <summary>
    /// The query string. The position goes back exactly as Box sent it; the window (admin_logs) and the event types are
    /// repeated on every page, as Box's own SDKs do. Event type names are validated upper-snake words, so the commas of
    /// the list (<c>explode=false</c>) need no escaping.
    /// </summary>
    internal static string QueryString(BoxSourceOptions options, BoxEventsRequest request)
    {
        var query = new StringBuilder("?stream_type=");
        query.Append(options.Stream == BoxStreamType.AdminLogs ? "admin_logs" : "admin_logs_streaming");
        query.Append(CultureInfo.InvariantCulture, $"&limit={options.Limit}");
        if (request.Position is { } position)
        {
            query.Append("&stream_position=").Append(Uri.EscapeDataString(position));
        }

        if (options.Stream == BoxStreamType.AdminLogs)
        {
            if (request.CreatedAfter is { } after)
            {
                query.Append("&created_after=").Append(BoxTime.Format(after));
            }

            if (options.CreatedBefore is { } before)
            {
                query.Append("&created_before=").Append(BoxTime.Format(before));
            }
        }

        if (options.EventTypes.Count > 0)
        {
            query.Append("&event_type=").AppendJoin(',', options.EventTypes);
        }

        return query.ToString();
    }

    /// <summary>The request in words, for the position of a quarantined entry.</summary>
    private string Describe(BoxEventsRequest request)
    {
        var stream = _options.Stream == BoxStreamType.AdminLogs ? "admin_logs" : "admin_logs_streaming";
        return (request.Position, request.CreatedAfter) switch
        {
            ({ } position, _) => $"{stream} from stream_position {position}",
            (null, { } after) => $"{stream} from created_after {BoxTime.Format(after)}",
            _ => $"{stream} from the beginning",
        };
    }

    private VendorPage Handle(VendorResponse response, BoxEventsRequest request)
    {
        if (response.Status == HttpStatusCode.OK)
        {
            return BoxPage.Parse(response, Describe(request));
        }

        var status = (int)response.Status;
        switch (response.Status)
        {
            // Only a real position can be refused; Box refusing 0 or now is not something a restart can fix.
            case HttpStatusCode.BadRequest when request.Position is { } position && !BoxPage.IsNoPosition(position) && position != "now" && BoxErrorBody.IsInvalidStreamPosition(response):
                throw new PositionRefusedException($"Box refused stream_position {request.Position} ({Describe(response)})", code: null, restartHint: null);
            case HttpStatusCode.BadRequest:
                throw Permanent(SourceErrorKind.InvalidRequest, $"Box rejected the events request as invalid (HTTP 400: {Describe(response)}). Check --event-type (Box event type names), --limit (1..500) and --created-after/--created-before.");
            case HttpStatusCode.Unauthorized:
                throw Permanent(SourceErrorKind.Authentication, Unauthorized(response));
            case HttpStatusCode.Forbidden:
                throw Permanent(SourceErrorKind.Permission, $"Box denied access to the enterprise events (HTTP 403: {Describe(response)}). The app needs the scope 'Manage enterprise properties' and App Access Level 'App + Enterprise Access', and the acting user (the app's service account, or the developer token's user) must be an admin, or a co-admin with 'Run new reports and access existing reports'. Authorize the app again in the Admin Console after changing its scopes.");
            case HttpStatusCode.NotFound:
                throw Permanent(SourceErrorKind.InvalidRequest, $"Box answered HTTP 404 for {_events.AbsolutePath} ({Describe(response)}); check --api-url (normally https://api.box.com/).");
            default:
                throw Permanent(SourceErrorKind.InvalidRequest, $"Box answered HTTP {status} ({Describe(response)}); this is not an answer AuditBridge knows how to handle: check --api-url.");
        }
    }

    private string Unauthorized(VendorResponse response)
    {
        var credentials = _options.Credentials;
        if (credentials.DeveloperToken is { } token)
        {
            return $"Box rejected the developer token ({token.Origin}; HTTP 401): developer tokens expire 60 minutes after they are generated and cannot be renewed. Generate a new one in the Developer Console, or use the Client Credentials Grant (client id, secret and enterprise id) for unattended runs.";
        }

        return $"Box rejected a freshly issued access token (HTTP 401: {Describe(response)}): the app may have been disabled or de-authorized in the Admin Console, or the token revoked. Check the app in the Admin Console (Apps > Custom Apps Manager) and try again.";
    }

    private static string Describe(VendorResponse response)
    {
        if (response.Length == 0)
        {
            return "no body";
        }

        var code = BoxErrorBody.Code(response);
        var message = BoxErrorBody.Message(response);
        var requestId = BoxErrorBody.RequestId(response);
        return code is null && message is null
            ? response.Describe()
            : response.Quote($"{code ?? "error"}: {message}{(requestId is null ? string.Empty : $", request_id {requestId}")}");
    }

    private static SourceException Permanent(SourceErrorKind kind, string message) => new(kind, message, isTransient: false);
}
