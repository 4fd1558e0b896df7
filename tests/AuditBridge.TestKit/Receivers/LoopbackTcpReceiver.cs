using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace AuditBridge.TestKit.Receivers;

/// <summary>
/// An in-process syslog receiver on a loopback TCP port (optionally TLS), for sink tests: it captures the raw bytes
/// of every connection and parses them into records. It can drop or reset its connections, stop reading, and stop
/// listening and start again on the same port (connections are then refused) to exercise reconnects.
/// </summary>
public sealed class LoopbackTcpReceiver : IAsyncDisposable
{
    private readonly LoopbackFraming _framing;
    private readonly X509Certificate2? _certificate;
    private readonly bool _requireClientCertificate;
    private readonly IPEndPoint _endPoint;
    private readonly Lock _gate = new();
    private readonly List<byte[]> _records = [];
    private readonly List<string> _errors = [];
    private readonly List<Connection> _connections = [];
    private readonly MemoryStream _raw = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _tasks = [];
    private TaskCompletionSource _changed = NewSignal();
    private TcpListener? _listener;
    private volatile bool _reading = true;
    private volatile bool _accepting = true;
    private int _accepted;

    private LoopbackTcpReceiver(LoopbackFraming framing, X509Certificate2? certificate, bool requireClientCertificate, IPAddress address)
    {
        _framing = framing;
        _certificate = certificate;
        _requireClientCertificate = requireClientCertificate;
        _endPoint = new IPEndPoint(address, 0);
    }

    /// <summary>The bound port (stays the same across <see cref="StopListening"/> / <see cref="StartListening"/>).</summary>
    public int Port => _endPoint.Port;

    /// <summary><c>tcp://127.0.0.1:port</c>, or <c>tls://…</c> when started with a certificate.</summary>
    public string Endpoint
    {
        get
        {
            var host = _endPoint.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{_endPoint.Address}]" : _endPoint.Address.ToString();
            return $"{(_certificate is null ? "tcp" : "tls")}://{host}:{Port}";
        }
    }

    /// <summary>Connections accepted so far.</summary>
    public int ConnectionsAccepted => Volatile.Read(ref _accepted);

    /// <summary>The client certificate of the latest TLS connection, if the client sent one.</summary>
    public X509Certificate2? LastClientCertificate { get; private set; }

    /// <summary>Every byte received, connection after connection.</summary>
    public byte[] RawBytes
    {
        get
        {
            lock (_gate)
            {
                return _raw.ToArray();
            }
        }
    }

    /// <summary>Records parsed so far, in arrival order.</summary>
    public IReadOnlyList<byte[]> Records
    {
        get
        {
            lock (_gate)
            {
                return [.. _records];
            }
        }
    }

    /// <summary>Framing errors and incomplete frames left when a connection closed.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_gate)
            {
                return [.. _errors];
            }
        }
    }

    /// <summary>Starts listening on an ephemeral loopback port.</summary>
    /// <param name="framing">How to split records.</param>
    /// <param name="certificate">Server certificate with key: the receiver speaks TLS (RFC 5425) when given.</param>
    /// <param name="requireClientCertificate">TLS: ask for (and record) a client certificate.</param>
    /// <param name="address">Defaults to 127.0.0.1.</param>
    public static LoopbackTcpReceiver Start(
        LoopbackFraming framing = LoopbackFraming.OctetCounting,
        X509Certificate2? certificate = null,
        bool requireClientCertificate = false,
        IPAddress? address = null)
    {
        var receiver = new LoopbackTcpReceiver(framing, certificate, requireClientCertificate, address ?? IPAddress.Loopback);
        receiver.StartListening();
        return receiver;
    }

    /// <summary>Records as UTF-8 strings.</summary>
    public IReadOnlyList<string> RecordStrings() => [.. Records.Select(r => Encoding.UTF8.GetString(r))];

    /// <summary>Waits until at least <paramref name="count"/> records arrived, and returns all of them.</summary>
    /// <exception cref="TimeoutException">Fewer arrived in time; the message tells how many and any framing errors.</exception>
    public async Task<IReadOnlyList<byte[]>> WaitForRecordsAsync(int count, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        await WaitUntilAsync(() => _records.Count >= count, timeout, () => $"{count} records (got {_records.Count})", cancellationToken);
        return Records;
    }

    /// <summary>Waits until at least <paramref name="count"/> connections were accepted.</summary>
    public Task WaitForConnectionsAsync(int count, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        WaitUntilAsync(() => _accepted >= count, timeout, () => $"{count} connections (got {_accepted})", cancellationToken);

    /// <summary>Waits until every connection accepted so far has been closed by the client.</summary>
    public Task WaitForClientsToCloseAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        WaitUntilAsync(() => _connections.Count == 0, timeout, () => $"all connections closed ({_connections.Count} open)", cancellationToken);

    /// <summary>
    /// Waits until bytes sit unread in an open connection's socket buffer: with <see cref="IsReading"/> false, proof
    /// that a client is in the middle of writing. Polls the sockets (there is no event for it).
    /// </summary>
    public async Task WaitForUnreadBytesAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Connection[] open;
            lock (_gate)
            {
                open = [.. _connections];
            }

            if (open.Any(c => c.UnreadBytes > 0))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds} s for a client to write.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System, cancellationToken);
        }
    }

    /// <summary>Closes every open connection gracefully (FIN), as a receiver restart or idle timeout would.</summary>
    public void DropConnections() => CloseConnections(reset: false);

    /// <summary>Aborts every open connection (RST).</summary>
    public void ResetConnections() => CloseConnections(reset: true);

    /// <summary>When false, accepted connections are not read: the client's writes fill the TCP window and stall.</summary>
    public bool IsReading
    {
        get => _reading;
        set
        {
            _reading = value;
            Signal();
        }
    }

    /// <summary>
    /// When false, new connections are not taken up: the kernel still completes the TCP handshake (the listen
    /// backlog), so a client can connect and fill the socket buffers, but nothing is read and the connection is
    /// not counted until this is true again.
    /// </summary>
    public bool IsAccepting
    {
        get => _accepting;
        set
        {
            _accepting = value;
            Signal();
        }
    }

    /// <summary>Stops listening: new connections are refused until <see cref="StartListening"/>. Open ones stay.</summary>
    public void StopListening()
    {
        lock (_gate)
        {
            _listener?.Stop();
            _listener = null;
        }
    }

    /// <summary>Listens (again) on the same port.</summary>
    public void StartListening()
    {
        lock (_gate)
        {
            if (_listener is not null)
            {
                return;
            }

            var listener = new TcpListener(_endPoint);

            // Our side of dropped connections lingers in TIME_WAIT on this port; without this, re-binding fails.
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();
            _endPoint.Port = ((IPEndPoint)listener.LocalEndpoint).Port;
            _listener = listener;
            _tasks.Add(AcceptLoopAsync(listener));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        StopListening();
        ResetConnections();
        Task[] tasks;
        lock (_gate)
        {
            tasks = [.. _tasks];
        }

        try
        {
            await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception error) when (error is OperationCanceledException or SocketException or IOException or ObjectDisposedException or TimeoutException)
        {
        }

        _stopping.Dispose();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task AcceptLoopAsync(TcpListener listener)
    {
        try
        {
            while (!_stopping.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(_stopping.Token);
                while (!_accepting)
                {
                    await WaitForChangeAsync(_stopping.Token);
                }

                lock (_gate)
                {
                    _tasks.Add(ServeAsync(client));
                }
            }
        }
        catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // Stopped listening.
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        var connection = new Connection(client.Client);
        lock (_gate)
        {
            _connections.Add(connection);
        }

        Interlocked.Increment(ref _accepted);
        Signal();
        var parser = new LoopbackFrameParser(_framing);
        try
        {
            Stream stream = client.GetStream();
            if (_certificate is not null)
            {
                var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = tls;
                await tls.AuthenticateAsServerAsync(
                    new SslServerAuthenticationOptions
                    {
                        ServerCertificate = _certificate,
                        ClientCertificateRequired = _requireClientCertificate,
                        // Any client certificate is accepted and recorded: the tests assert which one was sent.
                        RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null || !_requireClientCertificate,
                    },
                    _stopping.Token);
                if (tls.RemoteCertificate is { } remote)
                {
                    LastClientCertificate = new X509Certificate2(remote);
                }
            }

            var buffer = new byte[64 * 1024];
            while (true)
            {
                while (!_reading && !connection.IsClosed)
                {
                    await WaitForChangeAsync(_stopping.Token);
                }

                var read = await stream.ReadAsync(buffer, _stopping.Token);
                if (read == 0)
                {
                    break;
                }

                if (!Received(parser, buffer.AsSpan(0, read)))
                {
                    // Like syslog-ng ("Invalid frame header"): a stream that lost its framing cannot be trusted further.
                    break;
                }
            }
        }
        catch (Exception error) when (error is IOException or SocketException or ObjectDisposedException or OperationCanceledException
            or System.Security.Authentication.AuthenticationException)
        {
            if (error is System.Security.Authentication.AuthenticationException)
            {
                AddError($"TLS handshake failed: {error.Message}");
            }
        }
        finally
        {
            if (parser.PendingBytes > 0 && parser.Error is null)
            {
                AddError($"connection closed with {parser.PendingBytes} bytes of an incomplete frame");
            }

            lock (_gate)
            {
                _connections.Remove(connection);
            }

            client.Dispose();
            Signal();
        }
    }

    private bool Received(LoopbackFrameParser parser, ReadOnlySpan<byte> bytes)
    {
        var hadError = parser.Error is not null;
        lock (_gate)
        {
            _raw.Write(bytes);
            _records.AddRange(parser.Append(bytes));
            if (!hadError && parser.Error is { } error)
            {
                _errors.Add(error);
            }
        }

        Signal();
        return parser.Error is null;
    }

    private void AddError(string error)
    {
        lock (_gate)
        {
            _errors.Add(error);
        }
    }

    private void CloseConnections(bool reset)
    {
        Connection[] open;
        lock (_gate)
        {
            open = [.. _connections];
        }

        foreach (var connection in open)
        {
            connection.Close(reset);
        }

        Signal();
    }

    private void Signal()
    {
        TaskCompletionSource signal;
        lock (_gate)
        {
            signal = _changed;
            _changed = NewSignal();
        }

        signal.TrySetResult();
    }

    private Task WaitForChangeAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _changed.Task.WaitAsync(cancellationToken);
        }
    }

    private async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> describe, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (condition())
                {
                    return;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                string what;
                lock (_gate)
                {
                    what = describe();
                }

                throw new TimeoutException($"Waited {timeout.TotalSeconds} s for {what}; errors: [{string.Join("; ", Errors)}].");
            }
        }
    }

    private sealed class Connection(Socket socket)
    {
        private int _closed;

        public bool IsClosed => Volatile.Read(ref _closed) != 0;

        public int UnreadBytes
        {
            get
            {
                try
                {
                    return IsClosed ? 0 : socket.Available;
                }
                catch (Exception error) when (error is SocketException or ObjectDisposedException)
                {
                    return 0;
                }
            }
        }

        public void Close(bool reset)
        {
            if (Interlocked.Exchange(ref _closed, 1) != 0)
            {
                return;
            }

            try
            {
                if (reset)
                {
                    socket.LingerState = new LingerOption(true, 0);
                }
                else
                {
                    socket.Shutdown(SocketShutdown.Both);
                }

                socket.Close();
            }
            catch (Exception error) when (error is SocketException or ObjectDisposedException)
            {
            }
        }
    }
}
