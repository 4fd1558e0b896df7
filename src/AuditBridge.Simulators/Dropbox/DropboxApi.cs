using System.Net.Http.Headers;

namespace AuditBridge.Simulators.Dropbox;

/// <summary>
/// Dropbox's <c>team_log</c> API plugged into the simulator core: its three routes, its error shapes, the refresh-token
/// grant, and <c>get_events</c>/<c>continue</c> over self-contained cursors. Stateless per request apart from the token
/// expiry marks and the reset cursor lineages.
/// </summary>
internal sealed partial class DropboxApi : SimulatedApi<DropboxEventGenerator, DropboxFault, DropboxRoute>
{
    private static readonly SimulatorRoute GetEventsRoute = new("/2/team_log/get_events", HttpMethods.Post, (int)DropboxRoute.GetEvents, "get_events");
    private static readonly SimulatorRoute ContinueRoute = new("/2/team_log/get_events/continue", HttpMethods.Post, (int)DropboxRoute.Continue, "continue");
    private static readonly SimulatorRoute TokenRoute = new("/oauth2/token", HttpMethods.Post, (int)DropboxRoute.Token, "token", IsToken: true);

    private static readonly ApiProfile Profile = new(
        "dropbox",
        new RouteTable(GetEventsRoute, ContinueRoute, TokenRoute),
        "X-Dropbox-Request-Id",
        RequestIdPurpose: 0x52657175657374,
        TokenPrefix: "sl.sim.",
        StatusContentType: HttpAnswers.TextContentType);

    private readonly DropboxSimulatorOptions _options;
    private readonly CursorCodec _cursors;

    public DropboxApi(DropboxSimulatorOptions options, TimeProvider time)
        : base(Profile, options, new DropboxEventGenerator(options), time, staticToken: options.AccessToken, clientSecret: options.AppSecret)
    {
        _options = options;
        _cursors = new CursorCodec(options.Seed, Events.Categories.Count, Events.EventTypes.Count);
        _lineageKey = DeterministicHash.KeyFor(options.Seed, 0x4C696E65616765);
        _shuffleKey = DeterministicHash.KeyFor(options.Seed, 0x53687566666C65);
    }

    protected override Task UnknownPathAsync(HttpContext context, string path) =>
        HttpAnswers.TextAsync(context, StatusCodes.Status404NotFound, $"Unknown API function: \"{path.TrimStart('/')}\"");

    protected override Task WrongMethodAsync(HttpContext context) =>
        HttpAnswers.TextAsync(context, StatusCodes.Status405MethodNotAllowed, "Only POST is allowed");

    protected override Task RateLimitedAsync(HttpContext context, DropboxFault fault) => DropboxResponses.RateLimitedAsync(context, fault);

    protected override Task ServerErrorAsync(HttpContext context, int status) => DropboxResponses.ServerErrorAsync(context, status);

    protected override byte[] EchoErrorBody(string echo) => DropboxResponses.EchoUnionError(echo);

    protected override Task UnauthorizedAsync(HttpContext context, TokenStatus status) =>
        DropboxResponses.UnionErrorAsync(context, StatusCodes.Status401Unauthorized, status == TokenStatus.Expired ? "expired_access_token" : "invalid_access_token");

    protected override byte[] TokenBody(string accessToken, long expiresIn) => DropboxResponses.TokenBody(accessToken, expiresIn);

    protected override DropboxFault? ParseVendorFault(string kind, FaultRequest request) => kind switch
    {
        "rate_limited" => DropboxFault.RateLimited(
            request.Int("retry_after") ?? 1,
            request.String("retry_after_in") switch
            {
                null or "both" => RetryAfterIn.Both,
                "header" => RetryAfterIn.Header,
                "body" => RetryAfterIn.Body,
                var other => throw new ArgumentException($"unknown retry_after_in \"{other}\""),
            },
            request.IsTrue("plain_text")),
        "reset_cursor" => DropboxFault.ResetCursor(request.String("at") is { } at
            ? DropboxTimestamp.TryParse(at, out var instant) ? instant : throw new ArgumentException("\"at\" must be yyyy-MM-ddTHH:mm:ssZ")
            : null),
        "bad_cursor" => DropboxFault.BadCursor(),
        _ => null,
    };

    protected override async Task ServeAsync(HttpContext context, SimulatorRoute route, byte[] body, DropboxFault? fault)
    {
        var function = route == GetEventsRoute ? GetEventsFunction : ContinueFunction;
        if (!IsJsonContentType(context.Request.ContentType))
        {
            await DropboxResponses.BadInputAsync(
                context,
                function,
                $"Bad HTTP \"Content-Type\" header: \"{context.Request.ContentType}\".  Expecting one of \"application/json\", \"application/json; charset=utf-8\", \"text/plain; charset=dropbox-cors-hack\".");
            return;
        }

        if (route == GetEventsRoute)
        {
            await HandleGetEventsAsync(context, body, fault);
        }
        else
        {
            await HandleContinueAsync(context, body, fault);
        }
    }

    /// <summary>RPC routes take a JSON body and say so; Dropbox rejects anything else with a plain-text 400.</summary>
    private static bool IsJsonContentType(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
        {
            return false;
        }

        if (string.Equals(mediaType.MediaType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            return mediaType.CharSet is null || string.Equals(mediaType.CharSet, "utf-8", StringComparison.OrdinalIgnoreCase);
        }

        return string.Equals(mediaType.MediaType, "text/plain", StringComparison.OrdinalIgnoreCase)
            && string.Equals(mediaType.CharSet, "dropbox-cors-hack", StringComparison.OrdinalIgnoreCase);
    }
}
