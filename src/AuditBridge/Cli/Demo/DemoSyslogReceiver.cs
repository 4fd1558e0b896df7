using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AuditBridge.Cli.Demo;

/// <summary>
/// A small TCP syslog receiver for the demo (RFC 6587 octet counting): appends every message it gets to a file and
/// counts them. It can stop and start listening on the same port, to show a receiver outage.
/// </summary>
internal sealed class DemoSyslogReceiver : IAsyncDisposable
{
    private readonly string _file;
    private readonly Lock _gate = new();
    private readonly List<TcpClient> _clients = [];
    private readonly CancellationTokenSource _stopping = new();
    private TcpListener? _listener;
    private long _received;

    private DemoSyslogReceiver(string file, int port)
    {
        _file = file;
        Port = port;
    }

    public int Port { get; }

    public long Received => Interlocked.Read(ref _received);

    public static DemoSyslogReceiver Start(string file)
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var receiver = new DemoSyslogReceiver(file, port);
        receiver.Listen();
        return receiver;
    }

    /// <summary>Starts accepting connections (again).</summary>
    public void Listen()
    {
        var listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        lock (_gate)
        {
            _listener = listener;
        }

        _ = AcceptAsync(listener);
    }

    /// <summary>Goes down: stops listening and drops every connection, as a receiver that crashed.</summary>
    public void GoDown()
    {
        lock (_gate)
        {
            _listener?.Stop();
            _listener = null;
            foreach (var client in _clients)
            {
                client.Dispose();
            }

            _clients.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        GoDown();
        _stopping.Dispose();
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
            {
                return;
            }

            lock (_gate)
            {
                _clients.Add(client);
            }

            _ = ReadAsync(client);
        }
    }

    private async Task ReadAsync(TcpClient client)
    {
        try
        {
            await using var output = new FileStream(_file, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            var stream = client.GetStream();
            var buffer = new byte[64 * 1024];
            var pending = new List<byte>();
            int read;
            while ((read = await stream.ReadAsync(buffer, _stopping.Token)) > 0)
            {
                pending.AddRange(buffer.AsSpan(0, read));
                while (TryTakeMessage(pending, out var message))
                {
                    await output.WriteAsync(message, _stopping.Token);
                    output.WriteByte((byte)'\n');
                    Interlocked.Increment(ref _received);
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The demo dropped the connection (an outage) or is ending.
        }
    }

    // Octet counting: "LENGTH SP MESSAGE".
    private static bool TryTakeMessage(List<byte> pending, out byte[] message)
    {
        message = [];
        var space = pending.IndexOf((byte)' ');
        if (space <= 0 || !int.TryParse(Encoding.ASCII.GetString([.. pending.Take(space)]), NumberStyles.None, CultureInfo.InvariantCulture, out var length) || pending.Count < space + 1 + length)
        {
            return false;
        }

        message = [.. pending.Skip(space + 1).Take(length)];
        pending.RemoveRange(0, space + 1 + length);
        return true;
    }
}
