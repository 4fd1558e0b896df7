using System.Net.Sockets;
using AuditBridge.Events;

namespace AuditBridge.Sinks.Syslog;

/// <summary>
/// Syslog over UDP (RFC 5426): one record per datagram, never larger than the configured maximum (the formatter
/// shortens values to fit). Best effort: a completed write means the datagrams left this host, nothing more.
/// </summary>
internal sealed class UdpSyslogSink : ISink
{
    private readonly SyslogEndpoint _endpoint;
    private readonly BatchEncoder _encoder;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Socket? _socket;
    private bool _disposed;

    public UdpSyslogSink(SyslogEndpoint endpoint, BatchEncoder encoder)
    {
        _endpoint = endpoint;
        _encoder = encoder;
    }

    /// <inheritdoc/>
    public DeliveryGuarantee Guarantee => DeliveryGuarantee.BestEffort;

    /// <inheritdoc/>
    public SinkStatistics Statistics { get; } = new();

    /// <inheritdoc/>
    public async ValueTask WriteAsync(IReadOnlyList<AuditEvent> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _encoder.Encode(batch);
            var socket = await ConnectIfNeededAsync(cancellationToken);
            var datagrams = _encoder.Batch;
            foreach (var record in _encoder.Records)
            {
                await SendAsync(socket, datagrams.Slice(record.Offset, record.Length), cancellationToken);
                Statistics.AddRecord(record.Length, record.Shortened);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            _disposed = true;
            _socket?.Dispose();
            _socket = null;
            _encoder.Dispose();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async ValueTask<Socket> ConnectIfNeededAsync(CancellationToken cancellationToken)
    {
        if (_socket is not null)
        {
            return _socket;
        }

        // "Connecting" a UDP socket sends nothing; it fixes the peer (a DNS name is resolved now, at every reconnect)
        // and lets the kernel report ICMP port-unreachable back to us.
        var socket = new Socket(SocketType.Dgram, ProtocolType.Udp);
        try
        {
            await socket.ConnectAsync(_endpoint.ToEndPoint(), cancellationToken);
        }
        catch (SocketException error)
        {
            socket.Dispose();
            throw new SinkException($"Cannot send to {_endpoint}: {error.SocketErrorCode} ({error.Message}).", isTransient: true, error);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _socket = socket;
        return socket;
    }

    private async ValueTask SendAsync(Socket socket, ReadOnlyMemory<byte> datagram, CancellationToken cancellationToken)
    {
        try
        {
            await socket.SendAsync(datagram, SocketFlags.None, cancellationToken);
        }
        catch (SocketException error)
        {
            _socket = null;
            socket.Dispose();

            // ConnectionRefused here is the ICMP port-unreachable of an earlier datagram: nothing listens at the
            // endpoint and datagrams were lost. Transient: the caller retries the batch, the receiver may come back.
            throw new SinkException(
                $"Sending to {_endpoint} failed: {error.SocketErrorCode} ({error.Message}). Datagrams sent before may have been lost.",
                isTransient: true,
                error);
        }
    }
}
