using System.Net.Sockets;
using System.Security.Authentication;

namespace AuditBridge.Sinks.Syslog;

/// <summary>
/// Syslog over TCP (RFC 6587) or TLS (RFC 5425): the whole batch is framed into one buffer and handed to the
/// socket in one write and one flush. At least once: a failed batch is sent again by the caller, so the receiver
/// may see the batch in flight twice, never a gap.
/// </summary>
internal sealed class StreamSyslogTransport : ISinkTransport
{
    // Long enough for close_notify to leave on a healthy link, short enough not to hold up shutdown.
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(2);

    private readonly SyslogEndpoint _endpoint;
    private readonly TlsClientSettings? _tls;
    private readonly TimeSpan _connectTimeout;
    private readonly TimeSpan _writeTimeout;
    private readonly TimeProvider _timeProvider;
    private SyslogConnection? _connection;

    public StreamSyslogTransport(
        SyslogEndpoint endpoint,
        TlsClientSettings? tls,
        TimeSpan connectTimeout,
        TimeSpan writeTimeout,
        TimeProvider timeProvider)
    {
        _endpoint = endpoint;
        _tls = tls;
        _connectTimeout = connectTimeout;
        _writeTimeout = writeTimeout;
        _timeProvider = timeProvider;
    }

    /// <inheritdoc/>
    public DeliveryGuarantee Guarantee => DeliveryGuarantee.AtLeastOnce;

    /// <inheritdoc/>
    public string Destination => _endpoint.ToString();

    /// <summary>
    /// Connects and, over TLS, completes the handshake with the same verification batches get, then closes that
    /// connection again: no record is sent, and the connection batches use (if any) is left alone.
    /// </summary>
    /// <exception cref="SinkException">Classified as a connect before a batch would be.</exception>
    public async ValueTask<string> ProbeAsync(CancellationToken cancellationToken)
    {
        var connection = await ConnectAsync(cancellationToken);
        var protocol = connection.TlsProtocol;
        var sentClientCertificate = connection.SentClientCertificate;
        await connection.CloseAsync(CloseTimeout, _timeProvider);
        if (protocol is not { } version)
        {
            return $"connected to {_endpoint.HostAndPort}";
        }

        var verified = _tls!.InsecureSkipVerify ? "certificate NOT verified (InsecureSkipVerify)" : "certificate verified";
        var client = sentClientCertificate ? ", client certificate sent" : string.Empty;
        return $"{ProtocolName(version)} handshake with {_endpoint.HostAndPort}, {verified}{client}";
    }

    /// <inheritdoc/>
    /// <remarks>The whole batch in one write and one flush, on the open connection or a new one.</remarks>
    public async ValueTask SendAsync(OutgoingBatch batch, CancellationToken cancellationToken)
    {
        var connection = await ConnectIfNeededAsync(cancellationToken);
        await WriteBatchAsync(connection, batch.Bytes, batch.Records.Count, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await DropConnectionAsync();
        _tls?.Dispose();
    }

    private async ValueTask<SyslogConnection> ConnectIfNeededAsync(CancellationToken cancellationToken)
    {
        if (_connection is { IsUsable: true })
        {
            return _connection;
        }

        // The receiver closed the idle connection (restart, idle timeout). Nothing of this batch was written to it,
        // so reconnecting here loses nothing and saves the caller a retry.
        await DropConnectionAsync();
        _connection = await ConnectAsync(cancellationToken);
        return _connection;
    }

    private static string ProtocolName(SslProtocols protocol) => protocol switch
    {
        SslProtocols.Tls13 => "TLS 1.3",
        SslProtocols.Tls12 => "TLS 1.2",
        _ => protocol.ToString(),
    };

    // A new connection, within the connect timeout; every failure classified with its cause and fix.
    private async ValueTask<SyslogConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_connectTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await SyslogConnection.OpenAsync(_endpoint, _tls, linked.Token);
        }
        catch (OperationCanceledException error) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new SinkException(
                $"Connecting to {_endpoint} timed out after {_connectTimeout.TotalSeconds:0.###} s.", isTransient: true, error);
        }
        catch (SocketException error)
        {
            // Refused, unreachable, reset and unresolvable names all can heal without a person (receiver restarts,
            // DNS outage), so they are transient; the message says which one it was.
            throw new SinkException(
                $"Cannot connect to {_endpoint}: {error.SocketErrorCode} ({error.Message}).", isTransient: true, error);
        }
        catch (AuthenticationException error)
        {
            // Not a certificate rejection (that is a SinkException already): no common protocol version or cipher,
            // or the port does not speak TLS. A person must fix the configuration.
            throw new SinkException(
                $"TLS handshake with {_endpoint} failed: {error.Message} Check that the port speaks TLS and supports TLS 1.2 or 1.3.",
                isTransient: false,
                error);
        }
        catch (IOException error)
        {
            throw new SinkException(
                $"Connection to {_endpoint} failed during the TLS handshake: {error.Message}", isTransient: true, error);
        }
    }

    private async ValueTask WriteBatchAsync(SyslogConnection connection, ReadOnlyMemory<byte> data, int count, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_writeTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await connection.WriteAsync(data, linked.Token);
        }
        catch (Exception error) when (error is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Part of a frame may be on the wire: the next byte on this connection would be read as the rest of it
            // and desynchronise the stream, so the connection is never used again.
            await DropConnectionAsync();
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            if (timeout.IsCancellationRequested)
            {
                throw new SinkException(
                    $"Sending {count} records to {_endpoint} timed out after {_writeTimeout.TotalSeconds:0.###} s: the receiver stopped reading.",
                    isTransient: true,
                    error);
            }

            throw new SinkException(
                $"Connection to {_endpoint} broke while sending {count} records: {error.Message} The batch must be sent again.",
                isTransient: true,
                error);
        }
    }

    private async ValueTask DropConnectionAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.CloseAsync(CloseTimeout, _timeProvider);
        }
    }
}
