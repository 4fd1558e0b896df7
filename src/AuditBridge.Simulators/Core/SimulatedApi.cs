using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace AuditBridge.Simulators.Core;

/// <summary>
/// The request pipeline every vendor simulator runs, with the vendor's handlers plugged in. For each request:
/// control requests go to <see cref="SimulatorControl{TFault, TRoute}"/>; every other request is recorded and gets a
/// deterministic request id; an unknown path or a wrong method gets the vendor's 404 or 405; then the oldest queued fault
/// that applies is taken, and the faults every vendor shares are answered here (the vendor shapes the 429 and 5xx
/// bodies and the echo's error members); the token route goes to the vendor's grant handler; API routes need a valid
/// bearer token (the static token or an issued one) and then go to the vendor's route handler, which receives the fault
/// too (a truncated body, a cursor or position fault).
/// </summary>
/// <typeparam name="TEvents">The vendor's dataset.</typeparam>
/// <typeparam name="TFault">The vendor's fault record.</typeparam>
/// <typeparam name="TRoute">The vendor's route flags.</typeparam>
internal abstract class SimulatedApi<TEvents, TFault, TRoute> : ISimulatedApi<TEvents, TFault>
    where TEvents : EventGenerator
    where TFault : SimulatorFault<TFault, TRoute>, IVendorFault<TFault>
    where TRoute : struct, Enum
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly SimulatorControl<TFault, TRoute> _control;
    private readonly string _requestIdHeader;
    private readonly ulong _requestIdKey;
    private long _requests;

    /// <param name="profile">The vendor's routes and answer details.</param>
    /// <param name="options">The simulator's options: the seed keys request ids and tokens, and sets the tokens' lifetime.</param>
    /// <param name="events">The dataset the API serves.</param>
    /// <param name="time">The simulator's clock.</param>
    /// <param name="staticToken">A bearer token the API routes accept for ever (a long-lived or developer token).</param>
    /// <param name="clientSecret">The app's client secret: it keys the issued tokens.</param>
    protected SimulatedApi(ApiProfile profile, SimulatorOptions options, TEvents events, TimeProvider time, string staticToken, string clientSecret)
    {
        Routes = profile.Routes;
        Events = events;
        Time = time;
        Tokens = new TokenIssuer(new TokenSettings(profile.Vendor, profile.TokenPrefix, staticToken, clientSecret), options.Seed, options.AccessTokenLifetime, time);
        _requestIdHeader = profile.RequestIdHeader;
        _requestIdKey = DeterministicHash.KeyFor(options.Seed, profile.RequestIdPurpose);
        Faults = new FaultQueue<TFault>(Routes.AllBits);
        Log = new RequestLog(Routes);
        _control = new SimulatorControl<TFault, TRoute>(Faults, Log, Routes, ParseVendorFault, profile.StatusContentType);
    }

    public FaultQueue<TFault> Faults { get; }

    public RequestLog Log { get; }

    public TEvents Events { get; }

    protected RouteTable Routes { get; }

    protected TokenIssuer Tokens { get; }

    protected TimeProvider Time { get; }

    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (path.StartsWith(SimulatorControl<TFault, TRoute>.Prefix, StringComparison.Ordinal))
        {
            await _control.HandleAsync(context);
            return;
        }

        var route = Routes.Find(path);
        var body = await ReadBodyAsync(context);
        Log.Add(Record(context, body), route);
        var requestNumber = (ulong)Interlocked.Increment(ref _requests);
        context.Response.Headers[_requestIdHeader] = DeterministicHash.Mix(_requestIdKey ^ requestNumber).ToString("x16", CultureInfo.InvariantCulture);

        if (route is null)
        {
            await UnknownPathAsync(context, path);
            return;
        }

        if (!string.Equals(context.Request.Method, route.Method, StringComparison.OrdinalIgnoreCase))
        {
            context.Response.Headers.Allow = route.Method;
            await WrongMethodAsync(context);
            return;
        }

        var fault = Faults.TryTake(route.Bit, context.Request);
        if (fault is not null && await TryAnswerWithFaultAsync(context, fault, route, body))
        {
            return;
        }

        if (route.IsToken)
        {
            await HandleTokenAsync(context, body, fault);
            return;
        }

        var status = Tokens.Authorize(context.Request.Headers.Authorization.ToString());
        if (status != TokenStatus.Valid)
        {
            await UnauthorizedAsync(context, status);
            return;
        }

        await ServeAsync(context, route, body, fault);
    }

    public Task StopHangingAsync() => _stopping.CancelAsync();

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>The vendor's answer to a path that is no route (the control prefix aside).</summary>
    protected abstract Task UnknownPathAsync(HttpContext context, string path);

    /// <summary>The vendor's 405 body; the <c>Allow</c> header is set already.</summary>
    protected abstract Task WrongMethodAsync(HttpContext context);

    /// <summary>The vendor's 429, from <see cref="SimulatorFault.RetryAfterSeconds"/> and its own placement options.</summary>
    protected abstract Task RateLimitedAsync(HttpContext context, TFault fault);

    /// <summary>The vendor's 5xx for <paramref name="status"/>.</summary>
    protected abstract Task ServerErrorAsync(HttpContext context, int status);

    /// <summary>The vendor's JSON error body on an API route with every text member the echo of the request's credentials.</summary>
    protected abstract byte[] EchoErrorBody(string echo);

    /// <summary>Answers a fault of the vendor's own kind that pre-empts the request; false when the route handler deals with it.</summary>
    protected virtual Task<bool> TryAnswerVendorFaultAsync(HttpContext context, TFault fault) => Task.FromResult(false);

    /// <summary>The vendor's 401 for a missing, unknown or expired bearer token.</summary>
    protected abstract Task UnauthorizedAsync(HttpContext context, TokenStatus status);

    /// <summary>
    /// The token route: check the grant, then <see cref="SendTokenAsync"/>. <paramref name="fault"/> is a fault the request
    /// took that did not pre-empt it, or null.
    /// </summary>
    protected abstract Task HandleTokenAsync(HttpContext context, byte[] body, TFault? fault);

    /// <summary>An authorised request on an API route; <paramref name="fault"/> as for <see cref="HandleTokenAsync"/>.</summary>
    protected abstract Task ServeAsync(HttpContext context, SimulatorRoute route, byte[] body, TFault? fault);

    /// <summary>A posted fault of a kind the core does not share (and <c>rate_limited</c>); null for an unknown kind.</summary>
    protected abstract TFault? ParseVendorFault(string kind, FaultRequest request);

    /// <summary>The vendor's token response for a freshly issued token.</summary>
    protected abstract byte[] TokenBody(string accessToken, long expiresIn);

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stopping.Dispose();
        }
    }

    /// <summary>
    /// The checks every token endpoint starts with: no credentials in the query string, a form-encoded body. Answers the
    /// OAuth error and returns null when one fails.
    /// </summary>
    protected static async Task<Dictionary<string, StringValues>?> ReadTokenFormAsync(
        HttpContext context,
        byte[] body,
        IReadOnlyCollection<string> credentialParameters,
        string inQueryDescription,
        string notFormDescription)
    {
        var request = context.Request;
        if (credentialParameters.Any(request.Query.ContainsKey))
        {
            await HttpAnswers.OAuthErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_request", inQueryDescription);
            return null;
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !string.Equals(mediaType.MediaType, "application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            await HttpAnswers.OAuthErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_request", notFormDescription);
            return null;
        }

        return QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
    }

    /// <summary>A form field sent exactly once, or null.</summary>
    protected static string? Single(Dictionary<string, StringValues> form, string name) =>
        form.TryGetValue(name, out var values) && values.Count == 1 ? values[0] : null;

    /// <summary>Issues a token and answers with the vendor's token body (cut short by a truncated-body fault).</summary>
    protected async Task SendTokenAsync(HttpContext context, TFault? fault)
    {
        var tokenBody = TokenBody(Tokens.Issue(), Tokens.LifetimeSeconds);
        context.Response.Headers.CacheControl = "no-store";
        if (fault?.Kind == FaultKind.TruncatedBody)
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = HttpAnswers.JsonContentType;
            await HttpAnswers.TruncatedAsync(context, tokenBody);
            return;
        }

        await HttpAnswers.JsonAsync(context, StatusCodes.Status200OK, tokenBody);
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
            Time.GetUtcNow());
    }

    /// <summary>Answers the request with a fault that pre-empts normal processing; false when the request carries on.</summary>
    private async Task<bool> TryAnswerWithFaultAsync(HttpContext context, TFault fault, SimulatorRoute route, byte[] body)
    {
        switch (fault.Kind)
        {
            case FaultKind.EchoCredentials:
                await EchoAsync(context, fault, route, CredentialEcho.Text(context, body));
                return true;
            case FaultKind.Redirect:
                context.Response.Headers.Location = CredentialEcho.Location(fault.Location!, CredentialEcho.Text(context, body));
                await HttpAnswers.TextAsync(context, fault.StatusCode, "Moved");
                return true;
            case FaultKind.RateLimited:
                await RateLimitedAsync(context, fault);
                return true;
            case FaultKind.ServerError:
                await ServerErrorAsync(context, fault.StatusCode);
                return true;
            case FaultKind.NotJson:
                await HttpAnswers.HtmlAsync(context, StatusCodes.Status200OK, HttpAnswers.CaptivePortalHtml);
                return true;
            case FaultKind.Status:
                await HttpAnswers.BytesAsync(context, fault.StatusCode, fault.ContentType!, Encoding.UTF8.GetBytes(fault.Body!));
                return true;
            case FaultKind.Hang:
                await HttpAnswers.HangAsync(context, Time, _stopping.Token);
                return true;
            case FaultKind.ExpireAccessToken:
                Tokens.ExpireAll();
                return false;
            case FaultKind.VendorDefined:
                return await TryAnswerVendorFaultAsync(context, fault);
            default:
                return false;
        }
    }

    private Task EchoAsync(HttpContext context, TFault fault, SimulatorRoute route, string echo)
    {
        if (fault.StatusCode == StatusCodes.Status429TooManyRequests)
        {
            context.Response.Headers.RetryAfter = "1";
        }

        if (fault.IsPlainText)
        {
            return HttpAnswers.TextAsync(context, fault.StatusCode, echo);
        }

        var json = route.IsToken ? CredentialEcho.Json(echo, "error", "error_description") : EchoErrorBody(echo);
        return HttpAnswers.JsonAsync(context, fault.StatusCode, json);
    }
}
