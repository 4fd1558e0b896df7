using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AuditBridge.Daemon;

/// <summary>
/// <c>/healthz</c> and <c>/metrics</c> on the configured address (Kestrel, no other routes, no request bodies). Health is
/// 200 while every enabled source and sink runs and 503 once one stopped for good, naming the stopped ones and their
/// state only: the reasons are error texts (vendor messages, paths, host names) and stay in the log and <c>status</c>,
/// which need access to this machine.
/// </summary>
internal sealed class MetricsEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MetricsEndpoint(WebApplication app, string address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>Where it listens, as <c>host:port</c> (the real port when 0 was configured).</summary>
    public string Address { get; }

    public static async Task<MetricsEndpoint> StartAsync(
        string host,
        int port,
        Func<CancellationToken, Task<string>> metrics,
        Func<IEnumerable<string>> stopped,
        CancellationToken cancellationToken)
    {
        // The empty builder reads no appsettings.json or ASPNETCORE_* variables: nothing but the configured address listens.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 0;
            kestrel.Listen(host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(host), port);
        });
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        app.Run(async context =>
        {
            var response = context.Response;
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
            {
                response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                return;
            }

            switch (context.Request.Path.Value)
            {
                case "/healthz":
                    var down = stopped().Order(StringComparer.Ordinal).ToDictionary(name => name, _ => "stopped", StringComparer.Ordinal);
                    response.StatusCode = down.Count == 0 ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
                    response.ContentType = "application/json";
                    await response.WriteAsync(
                        JsonSerializer.Serialize(new Dictionary<string, object> { ["status"] = down.Count == 0 ? "ok" : "degraded", ["stopped"] = down }),
                        Encoding.UTF8,
                        context.RequestAborted);
                    break;
                case "/metrics":
                    response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
                    await response.WriteAsync(await metrics(context.RequestAborted), Encoding.UTF8, context.RequestAborted);
                    break;
                default:
                    response.StatusCode = StatusCodes.Status404NotFound;
                    break;
            }
        });
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        return new MetricsEndpoint(app, $"{address.Host}:{address.Port}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
