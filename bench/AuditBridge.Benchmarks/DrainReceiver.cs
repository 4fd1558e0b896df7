using System.Net;
using System.Net.Sockets;

namespace AuditBridge.Benchmarks;

/// <summary>A TCP syslog receiver on loopback that reads and counts everything, as fast as the socket delivers it.</summary>
internal sealed class DrainReceiver : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private long _bytes;

    public DrainReceiver()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public long Bytes => Interlocked.Read(ref _bytes);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = DrainAsync(client);
        }
    }

    private async Task DrainAsync(TcpClient client)
    {
        using (client)
        {
            var buffer = new byte[1 << 20];
            var stream = client.GetStream();
            int read;
            while ((read = await stream.ReadAsync(buffer, _stop.Token)) > 0)
            {
                Interlocked.Add(ref _bytes, read);
            }
        }
    }
}
