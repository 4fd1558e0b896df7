using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace AuditBridge.Simulators.Dropbox;

/// <summary>
/// <c>/_simulator/*</c>: lets a client in another process queue faults and read request counts.
/// These requests need no token, take no faults and are not recorded.
/// </summary>
internal sealed class SimulatorControl(DropboxFaultQueue faults, RequestLog log)
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
                await DropboxResponses.TextAsync(context, StatusCodes.Status400BadRequest, error);
                return;
            }

            try
            {
                faults.Enqueue(fault);
            }
            catch (ArgumentException exception)
            {
                await DropboxResponses.TextAsync(context, StatusCodes.Status400BadRequest, $"invalid fault: {exception.Message}");
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
            var body = DropboxJson.Fragment(w =>
            {
                w.WriteStartObject();
                w.WriteNumber("get_events", log.GetEventsCount);
                w.WriteNumber("continue", log.ContinueCount);
                w.WriteNumber("token", log.TokenCount);
                w.WriteNumber("other", log.OtherCount);
                w.WriteNumber("total", log.GetEventsCount + log.ContinueCount + log.TokenCount + log.OtherCount);
                w.WriteEndObject();
            });
            await DropboxResponses.BytesAsync(context, StatusCodes.Status200OK, DropboxResponses.JsonContentType, body);
        }
        else
        {
            await DropboxResponses.TextAsync(context, StatusCodes.Status404NotFound, "Unknown simulator control endpoint");
        }
    }

    internal static bool TryParseFault(byte[] json, out DropboxFault fault, out string error)
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
            DropboxFault? parsed = kind switch
            {
                "rate_limited" => DropboxFault.RateLimited(
                    Int(root, "retry_after") ?? 1,
                    String(root, "retry_after_in") switch
                    {
                        null or "both" => RetryAfterIn.Both,
                        "header" => RetryAfterIn.Header,
                        "body" => RetryAfterIn.Body,
                        var other => throw new ArgumentException($"unknown retry_after_in \"{other}\""),
                    },
                    root.TryGetProperty("plain_text", out var plain) && plain.ValueKind == JsonValueKind.True),
                "server_error" => DropboxFault.ServerError(Int(root, "status") ?? 500),
                "reset_cursor" => DropboxFault.ResetCursor(String(root, "at") is { } at
                    ? DropboxTimestamp.TryParse(at, out var instant) ? instant : throw new ArgumentException("\"at\" must be yyyy-MM-ddTHH:mm:ssZ")
                    : null),
                "bad_cursor" => DropboxFault.BadCursor(),
                "truncated_body" => DropboxFault.TruncatedBody(),
                "not_json" => DropboxFault.NotJson(),
                "expire_access_token" => DropboxFault.ExpireAccessToken(),
                "hang" => DropboxFault.Hang(),
                "echo_credentials" => DropboxFault.EchoCredentials(Int(root, "status") ?? 401, root.TryGetProperty("plain_text", out var plainText) && plainText.ValueKind == JsonValueKind.True),
                "redirect" => DropboxFault.Redirect(Int(root, "status") ?? 307, new Uri(String(root, "location") ?? throw new ArgumentException("\"location\" is required"))),
                "status" => DropboxFault.Status(
                    Int(root, "status") ?? throw new ArgumentException("\"status\" is required"),
                    String(root, "body") ?? string.Empty,
                    String(root, "content_type") ?? DropboxResponses.TextContentType),
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
                if (parsed.Route == DropboxRoute.None)
                {
                    throw new ArgumentException("\"route\" must name at least one route");
                }
            }

            if (Int(root, "times") is { } times)
            {
                ArgumentOutOfRangeException.ThrowIfLessThan(times, 1, "times");
                parsed = parsed with { Times = times };
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

    private static DropboxRoute ParseRoute(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            var combined = DropboxRoute.None;
            foreach (var item in element.EnumerateArray())
            {
                combined |= ParseRoute(item);
            }

            return combined;
        }

        return element.GetString() switch
        {
            "get_events" => DropboxRoute.GetEvents,
            "continue" => DropboxRoute.Continue,
            "token" => DropboxRoute.Token,
            "any" => DropboxRoute.Any,
            var other => throw new ArgumentException($"unknown route \"{other}\""),
        };
    }

    private static int? Int(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.GetInt32() : null;

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.GetString() : null;

    private async Task PendingAsync(HttpContext context)
    {
        var body = DropboxJson.Fragment(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("pending", faults.Count);
            w.WriteEndObject();
        });
        await DropboxResponses.BytesAsync(context, StatusCodes.Status200OK, DropboxResponses.JsonContentType, body);
    }
}
