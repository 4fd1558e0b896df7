using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AuditBridge.TestKit.Receivers;

/// <summary>
/// An in-process syslog receiver on a loopback UDP port: one datagram = one message (RFC 5426). Bound to 127.0.0.1, or
/// with <see cref="StartOnLocalhost"/> to 127.0.0.1 and ::1 on the same port, so a sender that resolves
/// <c>localhost</c> reaches it whichever address its resolver returns first.
/// </summary>
/// <remarks>
/// It holds what a receiver with a default kernel holds, on any machine: the receive buffer is set to 208 KiB (Linux's
/// net.core.rmem_default, and rmem_max on a default kernel, which caps any larger request), never more. What makes tests
/// pass is the sender's pacing (the UDP sink's <c>MaxRate</c>), as it must be for a real receiver, not a buffer that a
/// tuned CI host happens to grant. Each socket is drained by a thread of its own, so a busy thread pool cannot leave
/// datagrams in the buffer long enough to lose them.
/// </remarks>
public sealed class LoopbackUdpReceiver : IAsyncDisposable
{
    /// <summary>The receive buffer a default Linux kernel gives a socket (net.core.rmem_default = rmem_max = 212,992).</summary>
    public const int DefaultKernelReceiveBuffer = 212_992;

    // How often a blocked receive looks whether the receiver is being disposed.
    private static readonly TimeSpan StopCheck = TimeSpan.FromMilliseconds(200);

    private readonly List<Socket> _sockets;
    private readonly Lock _gate = new();
    private readonly List<byte[]> _datagrams = [];
    private readonly List<Thread> _threads = [];
    private volatile bool _stopping;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LoopbackUdpReceiver(List<Socket> sockets)
    {
        _sockets = sockets;
        Port = ((IPEndPoint)sockets[0].LocalEndPoint!).Port;
        foreach (var socket in sockets)
        {
            var thread = new Thread(() => Receive(socket)) { IsBackground = true, Name = $"udp receiver {socket.LocalEndPoint}" };
            _threads.Add(thread);
            thread.Start();
        }
    }

    public int Port { get; }

    /// <summary><c>udp://127.0.0.1:port</c>.</summary>
    public string Endpoint => $"udp://127.0.0.1:{Port}";

    /// <summary><c>udp://localhost:port</c>; use with <see cref="StartOnLocalhost"/>.</summary>
    public string LocalhostEndpoint => $"udp://localhost:{Port}";

    /// <summary>The receive buffer the kernel granted (Linux reports twice what was asked, for its bookkeeping).</summary>
    public int ReceiveBufferBytes => _sockets[0].ReceiveBufferSize;

    /// <summary>The addresses it listens on.</summary>
    public IReadOnlyList<IPAddress> Addresses => [.. _sockets.Select(s => ((IPEndPoint)s.LocalEndPoint!).Address)];

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

    /// <summary>Listens on 127.0.0.1.</summary>
    public static LoopbackUdpReceiver Start() => new([Bind(IPAddress.Loopback, 0)]);

    /// <summary>
    /// Listens on 127.0.0.1 and on ::1 with the same port (what <c>localhost</c> resolves to, in either order); on a
    /// host without IPv6 on 127.0.0.1 only, where no resolver returns ::1 for it either.
    /// </summary>
    public static LoopbackUdpReceiver StartOnLocalhost()
    {
        if (!Socket.OSSupportsIPv6)
        {
            return Start();
        }

        for (var attempt = 0; ; attempt++)
        {
            var v4 = Bind(IPAddress.Loopback, 0);
            try
            {
                return new([v4, Bind(IPAddress.IPv6Loopback, ((IPEndPoint)v4.LocalEndPoint!).Port)]);
            }
            catch (SocketException error) when (error.SocketErrorCode == SocketError.AddressAlreadyInUse && attempt < 10)
            {
                // That port is taken on ::1 by someone else: try another pair.
                v4.Dispose();
            }
            catch (SocketException error) when (error.SocketErrorCode == SocketError.AddressNotAvailable)
            {
                // IPv6 is switched off: no resolver answers ::1 for localhost here either.
                return new([v4]);
            }
            catch
            {
                v4.Dispose();
                throw;
            }
        }
    }

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

    public ValueTask DisposeAsync()
    {
        _stopping = true;
        foreach (var thread in _threads)
        {
            thread.Join();
        }

        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private static Socket Bind(IPAddress address, int port)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp)
        {
            ReceiveBufferSize = DefaultKernelReceiveBuffer,
            ReceiveTimeout = (int)StopCheck.TotalMilliseconds,
        };
        try
        {
            socket.Bind(new IPEndPoint(address, port));
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private void Receive(Socket socket)
    {
        var buffer = new byte[65_536];
        while (!_stopping)
        {
            int received;
            try
            {
                received = socket.Receive(buffer);
            }
            catch (SocketException error) when (error.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
            {
                continue;
            }
            catch (SocketException error) when (error.SocketErrorCode == SocketError.ConnectionReset)
            {
                // An ICMP error about a datagram this socket never sent; nothing was lost here.
                continue;
            }

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
}
