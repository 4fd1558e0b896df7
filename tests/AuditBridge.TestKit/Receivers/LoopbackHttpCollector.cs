using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AuditBridge.TestKit.Receivers;

/// <summary>
/// An HTTP collector on 127.0.0.1:0 (Kestrel), plain or HTTPS with a given certificate, standing in for a webhook
/// receiver or Splunk HEC. It records every request (headers and raw body) and answers from a script: queued
/// <see cref="CollectorResponse"/>s in order, then <see cref="CollectorResponse.HecSuccess"/> for the rest. With
/// <see cref="HecToken"/> set it checks the token and refuses an empty body first, as Splunk does. A <c>HEAD</c> gets
/// the scripted status and headers without a body.
/// </summary>
public sealed class LoopbackHttpCollector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<CollectedHttpRequest> _requests;
    private readonly ConcurrentQueue<CollectorResponse> _script;
    private readonly CancellationTokenSource _stopping;

    private LoopbackHttpCollector(
        WebApplication app,
        ConcurrentQueue<CollectedHttpRequest> requests,
        ConcurrentQueue<CollectorResponse> script,
        CancellationTokenSource stopping,
        Uri baseUrl)
    {
        _app = app;
        _requests = requests;
        _script = script;
        _stopping = stopping;
        BaseUrl = baseUrl;
    }

    /// <summary><c>http://127.0.0.1:port/</c> or <c>https://127.0.0.1:port/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>
    /// When set, the collector answers like Splunk HEC before it consults the script (Splunk REST reference, "HTTP
    /// Event Collector status codes"): no <c>Authorization</c> header → 401 code 2 "Token is required"; a header that is
    /// not <c>Splunk &lt;token&gt;</c> → 401 code 3 "Invalid authorization"; another token → 403 code 4 "Invalid token";
    /// this token with an empty POST body → 400 code 5 "No data". Null (the default): no checks, the script answers.
    /// </summary>
    public string? HecToken { get; set; }

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<CollectedHttpRequest> Requests => [.. _requests];

    /// <summary>Starts the collector.</summary>
    /// <param name="certificate">Server certificate (with its key) for HTTPS; null for plain HTTP.</param>
    /// <param name="cancellationToken">Stops the start-up.</param>
    public static Task<LoopbackHttpCollector> StartAsync(X509Certificate2? certificate, CancellationToken cancellationToken) =>
        StartAsync(certificate, requireClientCertificate: false, cancellationToken);

    /// <summary>Starts the collector.</summary>
    /// <param name="certificate">Server certificate (with its key) for HTTPS; null for plain HTTP.</param>
    /// <param name="requireClientCertificate">HTTPS only: refuse clients without a certificate (any certificate is accepted).</param>
    /// <param name="cancellationToken">Stops the start-up.</param>
    public static async Task<LoopbackHttpCollector> StartAsync(X509Certificate2? certificate, bool requireClientCertificate, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificate = certificate,
                    ClientCertificateMode = requireClientCertificate ? ClientCertificateMode.RequireCertificate : ClientCertificateMode.NoCertificate,

                    // The test checks which certificate arrived; trusting it is the client side's subject, not ours.
                    ClientCertificateValidation = (_, _, _) => true,
                });
            }
        }));
        var app = builder.Build();
        var requests = new ConcurrentQueue<CollectedHttpRequest>();
        var script = new ConcurrentQueue<CollectorResponse>();
        var stopping = new CancellationTokenSource();
        LoopbackHttpCollector? self = null;
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            requests.Enqueue(new CollectedHttpRequest(
                context.Request.Method,
                context.Request.Path + context.Request.QueryString,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body.ToArray(),
                context.Connection.ClientCertificate?.Subject));
            var response = HecRefusal(self?.HecToken, context.Request, body.Length)
                ?? (script.TryDequeue(out var next) ? next : CollectorResponse.HecSuccess);
            await AnswerAsync(context, response, stopping.Token);
        });
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        self = new LoopbackHttpCollector(app, requests, script, stopping, new Uri(address.TrimEnd('/') + "/"));
        return self;
    }

    /// <summary>Queues answers for the next requests, in order.</summary>
    public void Enqueue(params CollectorResponse[] responses)
    {
        foreach (var response in responses)
        {
            _script.Enqueue(response);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private static CollectorResponse? HecRefusal(string? token, HttpRequest request, long bodyLength)
    {
        if (token is null)
        {
            return null;
        }

        // Splunk authenticates before it reads the body: "No data" is only ever seen with a token it accepts.
        var authorization = request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(authorization))
        {
            return CollectorResponse.Hec(401, 2, "Token is required");
        }

        if (!authorization.StartsWith("Splunk ", StringComparison.Ordinal))
        {
            return CollectorResponse.Hec(401, 3, "Invalid authorization");
        }

        if (!string.Equals(authorization["Splunk ".Length..], token, StringComparison.Ordinal))
        {
            return CollectorResponse.Hec(403, 4, "Invalid token");
        }

        return HttpMethods.IsPost(request.Method) && bodyLength == 0 ? CollectorResponse.Hec(400, 5, "No data") : null;
    }

    private static async Task AnswerAsync(HttpContext context, CollectorResponse response, CancellationToken stopping)
    {
        if (response.Hang)
        {
            using var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, either.Token);
            }
            catch (OperationCanceledException)
            {
                // The client gave up (its timeout) or the collector is stopping: nothing to answer.
            }

            return;
        }

        context.Response.StatusCode = response.Status;
        var echo = response.EchoRequest
            ? "\u001b[31mrejected\u0007 " + string.Join("; ", context.Request.Headers.Select(h => $"{h.Key}: {h.Value}"))
                + "; invalid token " + context.Request.Headers.Authorization.ToString().Split(' ', 2)[^1] + "\u001b[0m"
            : null;
        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = echo is not null && name.Equals("Location", StringComparison.OrdinalIgnoreCase)
                ? new Uri(new Uri(value), "echo/" + Uri.EscapeDataString(echo)).AbsoluteUri
                : value;
        }

        // A HEAD answer has the status and headers of a GET and no body (RFC 9110 §9.3.2).
        if ((echo is null ? response.Body : response.Body + echo) is { } text && !HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.ContentType = text.StartsWith('{') ? "application/json" : "text/plain; charset=utf-8";
            await context.Response.WriteAsync(text, context.RequestAborted);
        }
    }
}
