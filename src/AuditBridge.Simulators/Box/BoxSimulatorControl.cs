using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace AuditBridge.Simulators.Box;

/// <summary>
/// <c>/_simulator/*</c>: lets a client in another process queue faults and read request counts.
/// These requests need no token, take no faults and are not recorded.
/// </summary>
internal sealed class BoxSimulatorControl(BoxFaultQueue faults, BoxRequestLog log)
{
    private const string FaultsPath = "/_simulator/faults";
    private const string RequestsPath = "/_simulator/requests";

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
                await TextAsync(context, StatusCodes.Status400BadRequest, error);
                return;
            }

            try
            {
                faults.Enqueue(fault);
            }
            catch (ArgumentException exception)
            {
                await TextAsync(context, StatusCodes.Status400BadRequest, $"invalid fault: {exception.Message}");
                return;
            }

            await PendingAsync(context);
        }
        else if (path == FaultsPath && HttpMethods.IsDelete(method))
        {
            faults.Clear();
            await PendingAsync(context);
        }
        else if (path == FaultsPath && HttpMethods.IsGet(method))
        {
            await PendingAsync(context);
        }
        else if (path == RequestsPath && HttpMethods.IsGet(method))
        {
            var body = BoxJson.Fragment(w =>
            {
                w.WriteStartObject();
                w.WriteNumber("events", log.EventsCount);
                w.WriteNumber("token", log.TokenCount);
                w.WriteNumber("other", log.OtherCount);
                w.WriteNumber("total", log.EventsCount + log.TokenCount + log.OtherCount);
                w.WriteEndObject();
            });
            await BoxResponses.BytesAsync(context, StatusCodes.Status200OK, BoxResponses.JsonContentType, body);
        }
        else
        {
            await TextAsync(context, StatusCodes.Status404NotFound, "Unknown simulator control endpoint");
        }
    }

    internal static bool TryParseFault(byte[] json, out BoxFault fault, out string error)
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

            var kind = kindElement.GetString();
            BoxFault? parsed = kind switch
            {
                "rate_limited" => BoxFault.RateLimited(Int(root, "retry_after") ?? 1, !root.TryGetProperty("header", out var header) || header.ValueKind != JsonValueKind.False),
                "server_error" => BoxFault.ServerError(Int(root, "status") ?? 500),
                "invalid_stream_position" => BoxFault.InvalidStreamPosition(),
                "truncated_body" => BoxFault.TruncatedBody(),
                "not_json" => BoxFault.NotJson(),
                "expire_access_token" => BoxFault.ExpireAccessToken(),
                "hang" => BoxFault.Hang(),
                "echo_credentials" => BoxFault.EchoCredentials(Int(root, "status") ?? 401, root.TryGetProperty("plain_text", out var plain) && plain.ValueKind == JsonValueKind.True),
                "redirect" => BoxFault.Redirect(Int(root, "status") ?? 307, new Uri(String(root, "location") ?? throw new ArgumentException("\"location\" is required"))),
                "status" => BoxFault.Status(
                    Int(root, "status") ?? throw new ArgumentException("\"status\" is required"),
                    String(root, "body") ?? string.Empty,
                    String(root, "content_type") ?? BoxResponses.JsonContentType),
                _ => null,
            };
            if (parsed is null)
            {
                error = $"unknown fault kind \"{kind}\"";
                return false;
            }

            if (root.TryGetProperty("route", out var routeElement))
            {
                parsed = parsed with { Route = ParseRoute(routeElement) };
                if (parsed.Route == BoxRoute.None)
                {
                    throw new ArgumentException("\"route\" must name at least one route");
                }
            }

            if (Int(root, "times") is { } times)
            {
                ArgumentOutOfRangeException.ThrowIfLessThan(times, 1, "times");
                parsed = parsed with { Times = times };
            }

            if (Int(root, "skip") is { } skip)
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

    private static BoxRoute ParseRoute(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            var combined = BoxRoute.None;
            foreach (var item in element.EnumerateArray())
            {
                combined |= ParseRoute(item);
            }

            return combined;
        }

        return element.GetString() switch
        {
            "events" => BoxRoute.Events,
            "token" => BoxRoute.Token,
            "any" => BoxRoute.Any,
            var other => throw new ArgumentException($"unknown route \"{other}\""),
        };
    }

    private static int? Int(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.GetInt32() : null;

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.GetString() : null;

    private static Task TextAsync(HttpContext context, int status, string text) =>
        BoxResponses.BytesAsync(context, status, "text/plain; charset=utf-8", System.Text.Encoding.UTF8.GetBytes(text));

    private async Task PendingAsync(HttpContext context)
    {
        var body = BoxJson.Fragment(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("pending", faults.Count);
            w.WriteEndObject();
        });
        await BoxResponses.BytesAsync(context, StatusCodes.Status200OK, BoxResponses.JsonContentType, body);
    }
}
