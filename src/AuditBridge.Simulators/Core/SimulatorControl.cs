using System.Runtime.CompilerServices;

namespace AuditBridge.Simulators.Core;

/// <summary>
/// <c>/_simulator/*</c>: lets a client in another process queue faults and read request counts (docs/simulators.md).
/// These requests need no token, take no faults and are not recorded. The faults every vendor shares are parsed here;
/// the vendor parses its own kinds (and <c>rate_limited</c>, whose options differ).
/// </summary>
/// <typeparam name="TFault">The vendor's fault record.</typeparam>
/// <typeparam name="TRoute">The vendor's route flags.</typeparam>
internal sealed class SimulatorControl<TFault, TRoute>
    where TFault : SimulatorFault<TFault, TRoute>, IVendorFault<TFault>
    where TRoute : struct, Enum
{
    public const string Prefix = "/_simulator/";
    private const string FaultsPath = "/_simulator/faults";
    private const string RequestsPath = "/_simulator/requests";

    private readonly FaultQueue<TFault> _faults;
    private readonly RequestLog _log;
    private readonly RouteTable _routes;
    private readonly Func<string, FaultRequest, TFault?> _parseVendorKind;
    private readonly string _statusContentType;

    /// <param name="faults">Where posted faults go.</param>
    /// <param name="log">Whose counters <c>/_simulator/requests</c> reports.</param>
    /// <param name="routes">The route names a fault's <c>route</c> may use.</param>
    /// <param name="parseVendorKind">The vendor's kinds: a fault, or null for a kind it does not know; throws <see cref="ArgumentException"/> for bad options.</param>
    /// <param name="statusContentType">The <c>content_type</c> of a <c>status</c> fault that names none.</param>
    public SimulatorControl(FaultQueue<TFault> faults, RequestLog log, RouteTable routes, Func<string, FaultRequest, TFault?> parseVendorKind, string statusContentType)
    {
        _faults = faults;
        _log = log;
        _routes = routes;
        _parseVendorKind = parseVendorKind;
        _statusContentType = statusContentType;
    }

    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value;
        var method = context.Request.Method;
        if (path == FaultsPath && HttpMethods.IsPost(method))
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            if (!TryParseFault(buffer.ToArray(), out var fault, out var error))
            {
                await HttpAnswers.TextAsync(context, StatusCodes.Status400BadRequest, error);
                return;
            }

            try
            {
                _faults.Enqueue(fault);
            }
            catch (ArgumentException exception)
            {
                await HttpAnswers.TextAsync(context, StatusCodes.Status400BadRequest, $"invalid fault: {exception.Message}");
                return;
            }

            await PendingAsync(context);
        }
        else if (path == FaultsPath && HttpMethods.IsDelete(method))
        {
            _faults.Clear();
            await PendingAsync(context);
        }
        else if (path == FaultsPath && HttpMethods.IsGet(method))
        {
            await PendingAsync(context);
        }
        else if (path == RequestsPath && HttpMethods.IsGet(method))
        {
            var body = SimulatorJson.Fragment(w =>
            {
                w.WriteStartObject();
                var total = 0L;
                foreach (var route in _routes.All)
                {
                    var count = _log.CountOf(route);
                    w.WriteNumber(route.Name, count);
                    total += count;
                }

                w.WriteNumber("other", _log.OtherCount);
                w.WriteNumber("total", total + _log.OtherCount);
                w.WriteEndObject();
            });
            await HttpAnswers.JsonAsync(context, StatusCodes.Status200OK, body);
        }
        else
        {
            await HttpAnswers.TextAsync(context, StatusCodes.Status404NotFound, "Unknown simulator control endpoint");
        }
    }

    internal bool TryParseFault(byte[] json, out TFault fault, out string error)
    {
        fault = null!;
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("kind", out var kindElement) || kindElement.ValueKind != JsonValueKind.String)
            {
                error = "expected a JSON object with a string \"kind\"";
                return false;
            }

            var kind = kindElement.GetString()!;
            var request = new FaultRequest(root);
            var parsed = ParseSharedKind(kind, request) ?? _parseVendorKind(kind, request);
            if (parsed is null)
            {
                error = $"unknown fault kind \"{kind}\"";
                return false;
            }

            if (request.TryGet("route", out var routeElement))
            {
                var bits = ParseRoute(routeElement);
                if (bits == 0)
                {
                    throw new ArgumentException("\"route\" must name at least one route");
                }

                parsed = parsed with { Route = Unsafe.BitCast<int, TRoute>(bits) };
            }

            if (request.Int("times") is { } times)
            {
                ArgumentOutOfRangeException.ThrowIfLessThan(times, 1, "times");
                parsed = parsed with { Times = times };
            }

            if (request.Int("skip") is { } skip)
            {
                ArgumentOutOfRangeException.ThrowIfNegative(skip, "skip");
                parsed = parsed with { Skip = skip };
            }

            fault = parsed;
            error = string.Empty;
            return true;
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            error = $"invalid fault: {exception.Message}";
            return false;
        }
    }

    private TFault? ParseSharedKind(string kind, FaultRequest request) => kind switch
    {
        "server_error" => SimulatorFault<TFault, TRoute>.ServerError(request.Int("status") ?? 500),
        "truncated_body" => SimulatorFault<TFault, TRoute>.TruncatedBody(),
        "not_json" => SimulatorFault<TFault, TRoute>.NotJson(),
        "expire_access_token" => SimulatorFault<TFault, TRoute>.ExpireAccessToken(),
        "hang" => SimulatorFault<TFault, TRoute>.Hang(),
        "echo_credentials" => SimulatorFault<TFault, TRoute>.EchoCredentials(request.Int("status") ?? 401, request.IsTrue("plain_text")),
        "redirect" => SimulatorFault<TFault, TRoute>.Redirect(
            request.Int("status") ?? 307,
            new Uri(request.String("location") ?? throw new ArgumentException("\"location\" is required"))),
        "status" => SimulatorFault<TFault, TRoute>.Status(
            request.Int("status") ?? throw new ArgumentException("\"status\" is required"),
            request.String("body") ?? string.Empty,
            request.String("content_type") ?? _statusContentType),
        _ => null,
    };

    private int ParseRoute(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            var combined = 0;
            foreach (var item in element.EnumerateArray())
            {
                combined |= ParseRoute(item);
            }

            return combined;
        }

        return _routes.BitOf(element.GetString());
    }

    private async Task PendingAsync(HttpContext context)
    {
        var body = SimulatorJson.Fragment(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("pending", _faults.Count);
            w.WriteEndObject();
        });
        await HttpAnswers.JsonAsync(context, StatusCodes.Status200OK, body);
    }
}
