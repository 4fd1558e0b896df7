namespace AuditBridge.Simulators.Box;

/// <summary>
/// Box's enterprise events API plugged into the simulator core: <c>GET /2.0/events</c> and <c>POST /oauth2/token</c>,
/// ClientError bodies, the client credentials and JWT grants, and both enterprise streams over self-checking positions.
/// Stateless per request apart from token expiry marks and the JWT ids already used: positions carry everything else.
/// </summary>
internal sealed partial class BoxApi : SimulatedApi<BoxEventGenerator, BoxFault, BoxRoute>
{
    private const string TokenPath = "/oauth2/token";

    private static readonly SimulatorRoute EventsRoute = new("/2.0/events", HttpMethods.Get, (int)BoxRoute.Events, "events");
    private static readonly SimulatorRoute TokenRoute = new(TokenPath, HttpMethods.Post, (int)BoxRoute.Token, "token", IsToken: true);

    private static readonly ApiProfile Profile = new(
        "box",
        new RouteTable(EventsRoute, TokenRoute),
        "box-request-id",
        RequestIdPurpose: 0x426F78526571,
        TokenPrefix: "box.sim.",
        StatusContentType: HttpAnswers.JsonContentType);

    private readonly BoxSimulatorOptions _options;
    private readonly BoxJwtVerifier _jwt;
    private readonly BoxStreamPositions _positions;
    private readonly ulong _pageKey;

    public BoxApi(BoxSimulatorOptions options, TimeProvider time)
        : base(Profile, options, new BoxEventGenerator(options), time, staticToken: options.DeveloperToken, clientSecret: options.ClientSecret)
    {
        _options = options;
        _jwt = new BoxJwtVerifier(options, time);
        _positions = new BoxStreamPositions(options.Seed);
        _pageKey = DeterministicHash.KeyFor(options.Seed, 0x426F78506167);
    }

    protected override Task UnknownPathAsync(HttpContext context, string path) =>
        BoxResponses.ClientErrorAsync(context, StatusCodes.Status404NotFound, "not_found", "Not Found");

    protected override Task WrongMethodAsync(HttpContext context) =>
        BoxResponses.ClientErrorAsync(context, StatusCodes.Status405MethodNotAllowed, "method_not_allowed", "Method Not Allowed");

    protected override Task RateLimitedAsync(HttpContext context, BoxFault fault) => BoxResponses.RateLimitedAsync(context, fault);

    protected override Task ServerErrorAsync(HttpContext context, int status) => BoxResponses.ServerErrorAsync(context, status);

    protected override byte[] EchoErrorBody(string echo) => CredentialEcho.Json(echo, "code", "message", "request_id");

    protected override async Task<bool> TryAnswerVendorFaultAsync(HttpContext context, BoxFault fault)
    {
        await InvalidStreamPositionAsync(context, context.Request.Query["stream_position"].ToString());
        return true;
    }

    protected override Task UnauthorizedAsync(HttpContext context, TokenStatus status) =>
        BoxResponses.UnauthorizedAsync(context, status == TokenStatus.Expired ? "The access token provided has expired." : "The access token provided is invalid.");

    protected override byte[] TokenBody(string accessToken, long expiresIn) => BoxResponses.TokenBody(accessToken, expiresIn);

    protected override BoxFault? ParseVendorFault(string kind, FaultRequest request) => kind switch
    {
        "rate_limited" => BoxFault.RateLimited(request.Int("retry_after") ?? 1, !request.IsFalse("header")),
        "invalid_stream_position" => BoxFault.InvalidStreamPosition(),
        _ => null,
    };

    protected override Task ServeAsync(HttpContext context, SimulatorRoute route, byte[] body, BoxFault? fault) => HandleEventsAsync(context, fault);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _jwt.Dispose();
        }

        base.Dispose(disposing);
    }

    private static Task InvalidStreamPositionAsync(HttpContext context, string position) =>
        BoxResponses.ClientErrorAsync(
            context,
            StatusCodes.Status400BadRequest,
            "bad_request",
            "Invalid stream position",
            ("stream_position", "invalid_parameter", $"Invalid value '{position}'."));
}
