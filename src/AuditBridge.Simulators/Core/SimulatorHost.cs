using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AuditBridge.Simulators.Core;

/// <summary>A Kestrel server on <c>127.0.0.1</c> that hands every request to one <see cref="ISimulatedApi"/>; it owns the API from then on.</summary>
internal sealed class SimulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ISimulatedApi _api;
    private int _disposed;

    private SimulatorHost(WebApplication app, ISimulatedApi api, Uri baseUrl)
    {
        _app = app;
        _api = api;
        BaseUrl = baseUrl;
    }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Listens on <paramref name="port"/> (0: a free one); disposes <paramref name="api"/> if it cannot start.</summary>
    public static async Task<SimulatorHost> StartAsync(int port, ISimulatedApi api, CancellationToken cancellationToken)
    {
        // The empty builder reads no appsettings.json or ASPNETCORE_* variables, so the host's environment cannot add endpoints or logging.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 1024 * 1024;
            kestrel.Listen(IPAddress.Loopback, port);
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        var app = builder.Build();
        app.Run(api.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            api.Dispose();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new SimulatorHost(app, api, new Uri($"http://127.0.0.1:{new Uri(address).Port}/"));
    }

    /// <summary>Stops listening; hanging requests are aborted.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _api.StopHangingAsync();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _api.Dispose();
    }
}
