using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;

namespace AuditBridge.Sinks.Syslog;

/// <summary>
/// One TCP (or TLS over TCP) connection to a syslog receiver, with a watch on the peer closing it.
/// </summary>
/// <remarks>
/// A syslog receiver never sends application data, so a background read that completes means the receiver
/// closed (FIN, TLS close_notify) or reset the connection. The sink checks that, and polls the socket, before every
/// batch, and reconnects instead of writing into a connection the kernel would accept bytes for and then discard.
/// The residual risk is the one TCP cannot remove: a batch written just before the receiver closes, or that the
/// receiver read but did not process, is acknowledged by the kernel and lost; only an application-level
/// acknowledgement (RELP) would close that gap.
/// </remarks>
internal sealed class SyslogConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly SslStream? _tls;
    private readonly Task _closedByPeer;

    private SyslogConnection(Socket socket, Stream stream, SslStream? tls)
    {
        _socket = socket;
        _stream = stream;
        _tls = tls;
        _closedByPeer = WatchForCloseAsync();
    }

    /// <summary>The TLS protocol version the handshake agreed on; null for plain TCP.</summary>
    public SslProtocols? TlsProtocol => _tls?.SslProtocol;

    /// <summary>Whether the server asked for the client certificate during the handshake and got it.</summary>
    public bool SentClientCertificate => _tls?.IsMutuallyAuthenticated == true;

    /// <summary>False once the receiver closed or reset the connection, or sent anything unread.</summary>
    public bool IsUsable
    {
        get
        {
            if (_closedByPeer.IsCompleted)
            {
                return false;
            }

            try
            {
                // Readable = FIN, RST or unread bytes (the watcher may not have run yet). A receiver sends nothing
                // but TLS post-handshake messages (session tickets), which the watcher consumes right after the
                // handshake; if it has not yet, this errs on the safe side: a reconnect costs a handshake, while
                // writing into a closed connection loses the batch.
                return !_socket.Poll(0, SelectMode.SelectRead);
            }
            catch (Exception error) when (error is SocketException or ObjectDisposedException)
            {
                return false;
            }
        }
    }

    /// <exception cref="SinkException">Permanent: the TLS server certificate was rejected.</exception>
    /// <exception cref="SocketException">Connecting failed (refused, unreachable, name not resolved).</exception>
    /// <exception cref="AuthenticationException">The TLS handshake failed for another reason.</exception>
    public static async Task<SyslogConnection> OpenAsync(
        SyslogEndpoint endpoint,
        TlsClientSettings? tls,
        CancellationToken cancellationToken)
    {
        // Dual-mode where the OS has IPv6, so one socket reaches IPv4 and IPv6 addresses a name resolves to.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream? stream = null;
        try
        {
            EnableKeepAlive(socket);

            // A DnsEndPoint is resolved here, at every (re)connect, and each address is tried in turn.
            await socket.ConnectAsync(endpoint.ToEndPoint(), cancellationToken);
            stream = new NetworkStream(socket, ownsSocket: true);
            if (tls is null)
            {
                return new SyslogConnection(socket, stream, tls: null);
            }

            var secure = new SslStream(stream, leaveInnerStreamOpen: false);
            stream = secure;
            string? rejection = null;
            var options = tls.CreateClientOptions(endpoint.Host, endpoint.ToString(), setTargetHost: true, reason => rejection = reason);
            try
            {
                await secure.AuthenticateAsClientAsync(options, cancellationToken);
            }
            catch (AuthenticationException error) when (rejection is not null)
            {
                throw new SinkException(rejection, isTransient: false, error);
            }

            return new SyslogConnection(socket, secure, secure);
        }
        catch
        {
            if (stream is not null)
            {
                await stream.DisposeAsync();
            }

            socket.Dispose();
            throw;
        }
    }

    /// <summary>Writes the whole buffer and flushes it to the socket.</summary>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(data, cancellationToken);
        await _stream.FlushAsync(cancellationToken);
    }

    /// <summary>Sends TLS close_notify (RFC 5425 §4.4; syslog-ng logs a reset without it) and closes.</summary>
    public async ValueTask CloseAsync(TimeSpan timeout, TimeProvider timeProvider)
    {
        if (_tls is not null && !_closedByPeer.IsCompleted)
        {
            try
            {
                await _tls.ShutdownAsync().WaitAsync(timeout, timeProvider);
            }
            catch (Exception error) when (error is IOException or SocketException or ObjectDisposedException
                or TimeoutException or InvalidOperationException or CryptographicException or AuthenticationException)
            {
                // The connection is going away anyway; close_notify is a courtesy to the receiver's log. OpenSSL
                // refuses it ("shutdown while in init") while the watcher is processing a session ticket.
            }
        }

        await DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _socket.Dispose();
        try
        {
            await _closedByPeer;
        }
        catch (Exception error) when (error is IOException or SocketException or ObjectDisposedException
            or OperationCanceledException or InvalidOperationException)
        {
            // The watcher ends with whatever closing the socket under it throws.
        }
    }

    private static void EnableKeepAlive(Socket socket)
    {
        // Detects a receiver host that vanished (no FIN, no RST) on an idle connection within about 90 s.
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, 60);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, 10);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, 3);
        }
        catch (SocketException)
        {
            // Not every platform lets these be tuned; the system defaults still apply.
        }
    }

    private async Task WatchForCloseAsync()
    {
        // Yield first: the constructor must not run the first read synchronously.
        await Task.Yield();
        var buffer = new byte[256];
        try
        {
            while (await _stream.ReadAsync(buffer) > 0)
            {
                // A syslog receiver sends nothing; whatever arrives is discarded.
            }
        }
        catch (Exception error) when (error is IOException or SocketException or ObjectDisposedException
            or OperationCanceledException or InvalidOperationException or NotSupportedException)
        {
            // Reset, or closed by us: either way the connection is done.
        }
    }
}
