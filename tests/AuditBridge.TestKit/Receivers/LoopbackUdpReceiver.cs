using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AuditBridge.TestKit.Receivers;

/// <summary>An in-process syslog receiver on a loopback UDP port: one datagram = one message (RFC 5426).</summary>
public sealed class LoopbackUdpReceiver : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly Lock _gate = new();
    private readonly List<byte[]> _datagrams = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _receiving;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LoopbackUdpReceiver()
    {
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp)
        {
            // Room for a burst of datagrams while the test is busy elsewhere: loopback drops what does not fit.
            ReceiveBufferSize = 8 * 1024 * 1024,
        };
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
        _receiving = ReceiveLoopAsync();
    }

    public int Port { get; }

    /// <summary><c>udp://127.0.0.1:port</c>.</summary>
    public string Endpoint => $"udp://127.0.0.1:{Port}";

    /// <summary>Datagrams received so far, each exactly as it arrived.</summary>
    public IReadOnlyList<byte[]> Datagrams
    {
        get
        {
            lock (_gate)
            {
                return [.. _datagrams];
            }
        }
    }

    public static LoopbackUdpReceiver Start() => new();

    /// <summary>Datagrams as UTF-8 strings.</summary>
    public IReadOnlyList<string> DatagramStrings() => [.. Datagrams.Select(d => Encoding.UTF8.GetString(d))];

    /// <summary>Waits until at least <paramref name="count"/> datagrams arrived, and returns all of them.</summary>
    /// <exception cref="TimeoutException">Fewer arrived in time.</exception>
    public async Task<IReadOnlyList<byte[]>> WaitForDatagramsAsync(int count, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_datagrams.Count >= count)
                {
                    return [.. _datagrams];
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds} s for {count} datagrams (got {Datagrams.Count}).");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _socket.Dispose();
        try
        {
            await _receiving;
        }
        catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stopping.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        await Task.Yield();
        var buffer = new byte[65_536];
        try
        {
            while (true)
            {
                var received = await _socket.ReceiveAsync(buffer, SocketFlags.None, _stopping.Token);
                TaskCompletionSource signal;
                lock (_gate)
                {
                    _datagrams.Add(buffer.AsSpan(0, received).ToArray());
                    signal = _changed;
                    _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                signal.TrySetResult();
            }
        }
        catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Disposed.
        }
    }
}
