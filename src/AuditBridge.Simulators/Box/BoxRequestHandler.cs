using System.Globalization;
using System.Text;
using AuditBridge.Simulators.Dropbox;
using Microsoft.AspNetCore.Http;

namespace AuditBridge.Simulators.Box;

/// <summary>
/// Serves every simulator request: records it, applies a queued fault, checks auth, then runs the route. Stateless per
/// request apart from token expiry marks and the JWT ids already used: positions carry everything else.
/// </summary>
internal sealed partial class BoxRequestHandler : IDisposable
{
    private const string EventsPath = "/2.0/events";
    private const string TokenPath = "/oauth2/token";
    private const string ControlPrefix = "/_simulator/";

    private readonly BoxSimulatorOptions _options;
    private readonly BoxEventGenerator _generator;
    private readonly TimeProvider _time;
    private readonly BoxFaultQueue _faults;
    private readonly BoxRequestLog _log;
    private readonly BoxTokenIssuer _tokens;
    private readonly BoxJwtVerifier _jwt;
    private readonly BoxStreamPositions _positions;
    private readonly BoxSimulatorControl _control;
    private readonly CancellationToken _stopping;
    private readonly ulong _requestKey;
    private readonly ulong _pageKey;
    private long _requests;

    public BoxRequestHandler(BoxSimulatorOptions options, BoxEventGenerator generator, TimeProvider time, BoxFaultQueue faults, BoxRequestLog log, CancellationToken stopping)
    {
        _options = options;
        _generator = generator;
        _time = time;
        _faults = faults;
        _log = log;
        _stopping = stopping;
        _tokens = new BoxTokenIssuer(options.Seed, options.ClientSecret, options.AccessTokenLifetime, time);
        _jwt = new BoxJwtVerifier(options, time);
        _positions = new BoxStreamPositions(options.Seed);
        _control = new BoxSimulatorControl(faults, log);
        _requestKey = DeterministicHash.KeyFor(options.Seed, 0x426F78526571);
        _pageKey = DeterministicHash.KeyFor(options.Seed, 0x426F78506167);
    }

    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (path.StartsWith(ControlPrefix, StringComparison.Ordinal))
        {
            await _control.HandleAsync(context);
            return;
        }

        var route = path switch
        {
            EventsPath => BoxRoute.Events,
            TokenPath => BoxRoute.Token,
            _ => BoxRoute.None,
        };
        var body = await ReadBodyAsync(context);
        _log.Add(Record(context, body), route);
        var requestNumber = (ulong)Interlocked.Increment(ref _requests);
        context.Response.Headers["box-request-id"] = DeterministicHash.Mix(_requestKey ^ requestNumber).ToString("x16", CultureInfo.InvariantCulture);

        if (route == BoxRoute.None)
        {
            await BoxResponses.ClientErrorAsync(context, StatusCodes.Status404NotFound, "not_found", "Not Found");
            return;
        }

        var expected = route == BoxRoute.Events ? HttpMethods.Get : HttpMethods.Post;
        if (!string.Equals(context.Request.Method, expected, StringComparison.OrdinalIgnoreCase))
        {
            context.Response.Headers.Allow = expected;
            await BoxResponses.ClientErrorAsync(context, StatusCodes.Status405MethodNotAllowed, "method_not_allowed", "Method Not Allowed");
            return;
        }

        var fault = _faults.TryTake(route, route == BoxRoute.Events && HasNumericPosition(context.Request.Query["stream_position"].ToString()));
        if (fault is not null && await TryAnswerWithFaultAsync(context, fault, route, body))
        {
            return;
        }

        if (route == BoxRoute.Token)
        {
            await HandleTokenAsync(context, body, fault);
            return;
        }

        if (!await AuthorizeAsync(context))
        {
            return;
        }

        await HandleEventsAsync(context, fault);
    }

    public void Dispose() => _jwt.Dispose();

    private static bool HasNumericPosition(string position) => position.Length > 0 && position != "0" && position.All(char.IsAsciiDigit);

    private static async Task<byte[]> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        return buffer.ToArray();
    }

    private RecordedRequest Record(HttpContext context, byte[] body)
    {
        var request = context.Request;
        var headers = new Dictionary<string, string>(request.Headers.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers)
        {
            headers[header.Key] = header.Value.ToString();
        }

        return new RecordedRequest(request.Method, request.Path.Value ?? string.Empty, request.QueryString.Value ?? string.Empty, headers, Encoding.UTF8.GetString(body), _time.GetUtcNow());
    }

    /// <summary>Answers the request with a fault that pre-empts normal processing; false when the request carries on.</summary>
    private async Task<bool> TryAnswerWithFaultAsync(HttpContext context, BoxFault fault, BoxRoute route, byte[] body)
    {
        switch (fault.Kind)
        {
            case BoxFaultKind.EchoCredentials:
                await EchoAsync(context, fault, route, CredentialEcho.Text(context, body));
                return true;
            case BoxFaultKind.Redirect:
                context.Response.Headers.Location = CredentialEcho.Location(fault.Location!, CredentialEcho.Text(context, body));
                await BoxResponses.BytesAsync(context, fault.StatusCode, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes("Moved"));
                return true;
            case BoxFaultKind.RateLimited:
                await BoxResponses.RateLimitedAsync(context, fault);
                return true;
            case BoxFaultKind.ServerError:
                await BoxResponses.ServerErrorAsync(context, fault.StatusCode);
                return true;
            case BoxFaultKind.NotJson:
                await BoxResponses.HtmlAsync(
                    context,
                    StatusCodes.Status200OK,
                    "<!DOCTYPE html>\n<html><head><title>Sign in to the network</title></head><body><h1>Captive portal</h1><p>Please accept the terms to continue.</p></body></html>\n");
                return true;
            case BoxFaultKind.InvalidStreamPosition:
                await InvalidStreamPositionAsync(context, context.Request.Query["stream_position"].ToString());
                return true;
            case BoxFaultKind.Status:
                await BoxResponses.BytesAsync(context, fault.StatusCode, fault.ContentType!, Encoding.UTF8.GetBytes(fault.Body!));
                return true;
            case BoxFaultKind.Hang:
                await HangAsync(context);
                return true;
            case BoxFaultKind.ExpireAccessToken:
                _tokens.ExpireAll();
                return false;
            default:
                return false;
        }
    }

    private static Task InvalidStreamPositionAsync(HttpContext context, string position) =>
        BoxResponses.ClientErrorAsync(
            context,
            StatusCodes.Status400BadRequest,
            "bad_request",
            "Invalid stream position",
            ("stream_position", "invalid_parameter", $"Invalid value '{position}'."));

    private static Task EchoAsync(HttpContext context, BoxFault fault, BoxRoute route, string echo)
    {
        if (fault.StatusCode == StatusCodes.Status429TooManyRequests)
        {
            context.Response.Headers.RetryAfter = "1";
        }

        if (fault.IsPlainText)
        {
            return BoxResponses.BytesAsync(context, fault.StatusCode, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes(echo));
        }

        var json = route == BoxRoute.Token
            ? CredentialEcho.Json(echo, "error", "error_description")
            : CredentialEcho.Json(echo, "code", "message", "request_id");
        return BoxResponses.BytesAsync(context, fault.StatusCode, BoxResponses.JsonContentType, json);
    }

    private async Task HangAsync(HttpContext context)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, _time, linked.Token);
        }
        catch (OperationCanceledException)
        {
            // The client gave up or the simulator is stopping; either way the connection goes without an answer.
            context.Abort();
        }
    }

    private async Task<bool> AuthorizeAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        const string Scheme = "Bearer ";
        var token = header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? header[Scheme.Length..].Trim() : string.Empty;
        var status = token.Length == 0
            ? BoxTokenStatus.Invalid
            : string.Equals(token, _options.DeveloperToken, StringComparison.Ordinal) ? BoxTokenStatus.Valid : _tokens.Validate(token);
        switch (status)
        {
            case BoxTokenStatus.Valid:
                return true;
            case BoxTokenStatus.Expired:
                await BoxResponses.UnauthorizedAsync(context, "The access token provided has expired.");
                return false;
            default:
                await BoxResponses.UnauthorizedAsync(context, "The access token provided is invalid.");
                return false;
        }
    }
}
