using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AuditBridge.Simulators.Box;

/// <summary>
/// A Kestrel server on loopback that follows the Box enterprise events API: <c>GET /2.0/events</c> for
/// <c>admin_logs</c> and <c>admin_logs_streaming</c>, and <c>POST /oauth2/token</c> (client credentials and JWT), serving
/// the deterministic dataset of <see cref="Events"/>, with faults on demand. See docs/simulators.md.
/// </summary>
public sealed class BoxSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly BoxRequestLog _log;
    private readonly BoxRequestHandler _handler;
    private readonly CancellationTokenSource _stopping;
    private int _disposed;

    private BoxSimulator(WebApplication app, Uri baseUrl, BoxFaultQueue faults, BoxRequestLog log, BoxEventGenerator events, BoxRequestHandler handler, CancellationTokenSource stopping)
    {
        _app = app;
        BaseUrl = baseUrl;
        Faults = faults;
        _log = log;
        Events = events;
        _handler = handler;
        _stopping = stopping;
    }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;/</c>: <c>/2.0/events</c> and <c>/oauth2/token</c> live under it.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Faults to produce on upcoming requests.</summary>
    public BoxFaultQueue Faults { get; }

    /// <summary>The last 10,000 requests received on the API and token routes, oldest first (control requests are not kept).</summary>
    public IReadOnlyList<RecordedRequest> Requests => _log.Snapshot();

    /// <summary>The dataset being served.</summary>
    public BoxEventGenerator Events { get; }

    /// <summary>Starts a simulator on <c>127.0.0.1</c>; <paramref name="timeProvider"/> (default: the system clock) decides which events exist and when tokens expire.</summary>
    public static async Task<BoxSimulator> StartAsync(BoxSimulatorOptions options, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var events = new BoxEventGenerator(options);
        var time = timeProvider ?? TimeProvider.System;
        var faults = new BoxFaultQueue();
        var log = new BoxRequestLog();
        var stopping = new CancellationTokenSource();
        var handler = new BoxRequestHandler(options, events, time, faults, log, stopping.Token);

        // The empty builder reads no appsettings.json or ASPNETCORE_* variables, so the host's environment cannot add endpoints or logging.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 1024 * 1024;
            kestrel.Listen(IPAddress.Loopback, options.Port);
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        var app = builder.Build();
        app.Run(handler.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            handler.Dispose();
            stopping.Dispose();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var port = new Uri(address).Port;
        return new BoxSimulator(app, new Uri($"http://127.0.0.1:{port}/"), faults, log, events, handler, stopping);
    }

    /// <summary>Stops listening; hanging requests are aborted.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _handler.Dispose();
        _stopping.Dispose();
    }
}
