using System.Globalization;
using System.Text.Json;
using AuditBridge.Simulators.Core;
using Microsoft.AspNetCore.Http;

namespace AuditBridge.Connectors.Tests.Simulators.Core;

/// <summary>
/// A fourth vendor plugged into the simulator core, as small as one can be: <c>GET /v1/items?offset=N</c> and
/// <c>POST /oauth2/token</c> (client credentials), plain-text errors. The core tests drive the core through it, so they
/// test the core and not Dropbox's or Box's handlers.
/// </summary>
internal sealed class AcmeApi : SimulatedApi<AcmeEvents, AcmeFault, AcmeRoute>
{
    public const int PageSize = 3;

    private static readonly SimulatorRoute ItemsRoute = new("/v1/items", HttpMethods.Get, (int)AcmeRoute.Items, "items");
    private static readonly SimulatorRoute TokenRoute = new("/oauth2/token", HttpMethods.Post, (int)AcmeRoute.Token, "token", IsToken: true);

    private static readonly ApiProfile Profile = new(
        "acme",
        new RouteTable(ItemsRoute, TokenRoute),
        "acme-request-id",
        RequestIdPurpose: 0x41636D65,
        TokenPrefix: "acme.",
        StatusContentType: HttpAnswers.TextContentType);

    private readonly AcmeOptions _options;

    public AcmeApi(AcmeOptions options, TimeProvider time)
        : base(Profile, options, new AcmeEvents(options), time, staticToken: options.DeveloperToken, clientSecret: options.ClientSecret)
    {
        _options = options;
    }

    protected override Task UnknownPathAsync(HttpContext context, string path) => HttpAnswers.TextAsync(context, 404, $"no route {path}");

    protected override Task WrongMethodAsync(HttpContext context) => HttpAnswers.TextAsync(context, 405, "wrong method");

    protected override Task RateLimitedAsync(HttpContext context, AcmeFault fault)
    {
        context.Response.Headers.RetryAfter = fault.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return HttpAnswers.TextAsync(context, 429, "slow down");
    }

    protected override Task ServerErrorAsync(HttpContext context, int status) => HttpAnswers.TextAsync(context, status, "acme failed");

    protected override byte[] EchoErrorBody(string echo) => CredentialEcho.Json(echo, "error");

    protected override Task UnauthorizedAsync(HttpContext context, TokenStatus status) => HttpAnswers.TextAsync(context, 401, status.ToString());

    protected override async Task HandleTokenAsync(HttpContext context, byte[] body, AcmeFault? fault)
    {
        var form = await ReadTokenFormAsync(context, body, ["client_secret"], "secret in query", "not a form");
        if (form is null)
        {
            return;
        }

        if (Single(form, "grant_type") != "client_credentials" || Single(form, "client_secret") != _options.ClientSecret)
        {
            await HttpAnswers.OAuthErrorAsync(context, 400, "invalid_client", "wrong secret");
            return;
        }

        await SendTokenAsync(context, fault);
    }

    protected override Task ServeAsync(HttpContext context, SimulatorRoute route, byte[] body, AcmeFault? fault)
    {
        var offset = long.Parse(context.Request.Query["offset"].ToString() is { Length: > 0 } text ? text : "0", CultureInfo.InvariantCulture);
        var end = Math.Min(offset + PageSize, Events.GetAvailableCount(Time.GetUtcNow()));
        var indexes = new long[Math.Max(0, end - offset)];
        for (var i = 0; i < indexes.Length; i++)
        {
            indexes[i] = offset + i;
        }

        return EventPage.SendAsync(context, Events, JsonEncodedText.Encode("items"), indexes, head: null, tail: w => w.WriteNumber("next", end), fault?.Kind == FaultKind.TruncatedBody);
    }

    protected override AcmeFault? ParseVendorFault(string kind, FaultRequest request) =>
        kind == "rate_limited" ? AcmeFault.RateLimited(request.Int("retry_after") ?? 1) : null;

    protected override byte[] TokenBody(string accessToken, long expiresIn) => SimulatorJson.Fragment(w =>
    {
        w.WriteStartObject();
        w.WriteString("access_token", accessToken);
        w.WriteNumber("expires_in", expiresIn);
        w.WriteEndObject();
    });
}
