using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace AuditBridge.Simulators.Dropbox;

/// <summary>
/// Serves every simulator request: records it, applies a queued fault, checks auth, then runs the route.
/// Stateless per request apart from the token expiry marks and the reset cursor lineages.
/// </summary>
internal sealed partial class DropboxRequestHandler
{
    private const string GetEventsPath = "/2/team_log/get_events";
    private const string ContinuePath = "/2/team_log/get_events/continue";
    private const string TokenPath = "/oauth2/token";
    private const string ControlPrefix = "/_simulator/";

    private readonly DropboxSimulatorOptions _options;
    private readonly DropboxEventGenerator _generator;
    private readonly TimeProvider _time;
    private readonly DropboxFaultQueue _faults;
    private readonly RequestLog _log;
    private readonly TokenIssuer _tokens;
    private readonly CursorCodec _cursors;
    private readonly SimulatorControl _control;
    private readonly CancellationToken _stopping;
    private readonly ulong _requestKey;
    private long _requests;

    public DropboxRequestHandler(
        DropboxSimulatorOptions options,
        DropboxEventGenerator generator,
        TimeProvider time,
        DropboxFaultQueue faults,
        RequestLog log,
        CancellationToken stopping)
    {
        _options = options;
        _generator = generator;
        _time = time;
        _faults = faults;
        _log = log;
        _stopping = stopping;
        _tokens = new TokenIssuer(options.Seed, options.AppSecret, options.AccessTokenLifetime, time);
        _cursors = new CursorCodec(options.Seed, generator.Categories.Count, generator.EventTypes.Count);
        _control = new SimulatorControl(faults, log);
        _requestKey = DeterministicHash.KeyFor(options.Seed, 0x52657175657374);
        _lineageKey = DeterministicHash.KeyFor(options.Seed, 0x4C696E65616765);
        _shuffleKey = DeterministicHash.KeyFor(options.Seed, 0x53687566666C65);
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
            GetEventsPath => DropboxRoute.GetEvents,
            ContinuePath => DropboxRoute.Continue,
            TokenPath => DropboxRoute.Token,
            _ => DropboxRoute.None,
        };
        var body = await ReadBodyAsync(context);
        _log.Add(Record(context, body), route);
        var requestNumber = (ulong)Interlocked.Increment(ref _requests);
        context.Response.Headers["X-Dropbox-Request-Id"] = DeterministicHash.Mix(_requestKey ^ requestNumber).ToString("x16", CultureInfo.InvariantCulture);

        if (route == DropboxRoute.None)
        {
            await DropboxResponses.TextAsync(context, StatusCodes.Status404NotFound, $"Unknown API function: \"{path.TrimStart('/')}\"");
            return;
        }

        if (!HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.Headers.Allow = "POST";
            await DropboxResponses.TextAsync(context, StatusCodes.Status405MethodNotAllowed, "Only POST is allowed");
            return;
        }

        var fault = _faults.TryTake(route);
        if (fault is not null && await TryAnswerWithFaultAsync(context, fault, route, body))
        {
            return;
        }

        if (route == DropboxRoute.Token)
        {
            await HandleTokenAsync(context, body, fault);
            return;
        }

        if (!await AuthorizeAsync(context))
        {
            return;
        }

        if (!IsJsonContentType(context.Request.ContentType))
        {
            await DropboxResponses.BadInputAsync(
                context,
                route == DropboxRoute.GetEvents ? GetEventsFunction : ContinueFunction,
                $"Bad HTTP \"Content-Type\" header: \"{context.Request.ContentType}\".  Expecting one of \"application/json\", \"application/json; charset=utf-8\", \"text/plain; charset=dropbox-cors-hack\".");
            return;
        }

        if (route == DropboxRoute.GetEvents)
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

        return new RecordedRequest(
            request.Method,
            request.Path.Value ?? string.Empty,
            request.QueryString.Value ?? string.Empty,
            headers,
            Encoding.UTF8.GetString(body),
            _time.GetUtcNow());
    }

    /// <summary>Answers the request with a fault that pre-empts normal processing; false when the request carries on.</summary>
    private async Task<bool> TryAnswerWithFaultAsync(HttpContext context, DropboxFault fault, DropboxRoute route, byte[] body)
    {
        switch (fault.Kind)
        {
            case FaultKind.EchoCredentials:
                await EchoAsync(context, fault, route, CredentialEcho.Text(context, body));
                return true;
            case FaultKind.Redirect:
                context.Response.Headers.Location = CredentialEcho.Location(fault.Location!, CredentialEcho.Text(context, body));
                await DropboxResponses.TextAsync(context, fault.StatusCode, "Moved");
                return true;
            case FaultKind.RateLimited:
                await DropboxResponses.RateLimitedAsync(context, fault);
                return true;
            case FaultKind.ServerError:
                await DropboxResponses.ServerErrorAsync(context, fault.StatusCode);
                return true;
            case FaultKind.NotJson:
                await DropboxResponses.HtmlAsync(
                    context,
                    StatusCodes.Status200OK,
                    "<!DOCTYPE html>\n<html><head><title>Sign in to the network</title></head><body><h1>Captive portal</h1><p>Please accept the terms to continue.</p></body></html>\n");
                return true;
            case FaultKind.Status:
                await DropboxResponses.BytesAsync(context, fault.StatusCode, fault.ContentType!, Encoding.UTF8.GetBytes(fault.Body!));
                return true;
            case FaultKind.Hang:
                await HangAsync(context);
                return true;
            case FaultKind.ExpireAccessToken:
                _tokens.ExpireAll();
                return false;
            default:
                return false;
        }
    }

    private static Task EchoAsync(HttpContext context, DropboxFault fault, DropboxRoute route, string echo)
    {
        if (fault.StatusCode == StatusCodes.Status429TooManyRequests)
        {
            context.Response.Headers.RetryAfter = "1";
        }

        if (fault.IsPlainText)
        {
            return DropboxResponses.TextAsync(context, fault.StatusCode, echo);
        }

        var json = route == DropboxRoute.Token
            ? CredentialEcho.Json(echo, "error", "error_description")
            : DropboxJson.Fragment(w =>
            {
                w.WriteStartObject();
                w.WriteString(JsonNames.ErrorSummary, echo);
                w.WritePropertyName(JsonNames.Error);
                w.WriteStartObject();
                w.WriteString(JsonNames.Tag, echo);
                w.WriteString("required_scope", echo);
                w.WriteEndObject();
                w.WriteEndObject();
            });
        return DropboxResponses.BytesAsync(context, fault.StatusCode, DropboxResponses.JsonContentType, json);
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
            ? TokenStatus.Invalid
            : string.Equals(token, _options.AccessToken, StringComparison.Ordinal) ? TokenStatus.Valid : _tokens.Validate(token);
        switch (status)
        {
            case TokenStatus.Valid:
                return true;
            case TokenStatus.Expired:
                await DropboxResponses.UnionErrorAsync(context, StatusCodes.Status401Unauthorized, "expired_access_token");
                return false;
            default:
                await DropboxResponses.UnionErrorAsync(context, StatusCodes.Status401Unauthorized, "invalid_access_token");
                return false;
        }
    }
}
