using System.Net;
using System.Net.Sockets;

namespace AuditBridge.Sinks.Syslog;

/// <summary>
/// Syslog over UDP (RFC 5426): one record per datagram, never larger than the configured maximum (the formatter
/// shortens values to fit), paced to the configured rate. Best effort: a completed write means the datagrams left this
/// host, nothing more.
/// </summary>
internal sealed class UdpSyslogTransport : ISinkTransport
{
    /// <summary>
    /// The send buffer asked for: room for a burst when the network interface is slower than the pacing. The kernel
    /// caps it at net.core.wmem_max (208 KiB on a default kernel) without an error.
    /// </summary>
    public const int SendBufferBytes = 1024 * 1024;

    private readonly SyslogEndpoint _endpoint;
    private readonly DatagramPacer? _pacer;
    private Socket? _socket;

    /// <param name="endpoint">Where datagrams go.</param>
    /// <param name="pacer">Spaces datagrams to the configured rate; null for no limit.</param>
    public UdpSyslogTransport(SyslogEndpoint endpoint, DatagramPacer? pacer)
    {
        _endpoint = endpoint;
        _pacer = pacer;
    }

    /// <inheritdoc/>
    public DeliveryGuarantee Guarantee => DeliveryGuarantee.BestEffort;

    /// <inheritdoc/>
    public string Destination => _endpoint.ToString();

    /// <summary>
    /// Resolves the host the way a batch does (a connected UDP socket, which sends nothing) and says where datagrams
    /// would go. UDP has no handshake: whether anything listens there cannot be known without sending a record.
    /// </summary>
    /// <exception cref="SinkException">Transient: the name does not resolve, or no route to it.</exception>
    public async ValueTask<string> ProbeAsync(CancellationToken cancellationToken)
    {
        using var socket = await ConnectAsync(cancellationToken);
        var address = (socket.RemoteEndPoint as IPEndPoint)?.Address;
        var shown = address is null ? "?" : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
        return $"UDP: {_endpoint.Host} resolved to {shown}; datagrams are not acknowledged, nothing to check further";
    }

    /// <inheritdoc/>
    /// <remarks>One datagram per record, each counted as it leaves.</remarks>
    public async ValueTask SendAsync(OutgoingBatch batch, CancellationToken cancellationToken)
    {
        var socket = await ConnectIfNeededAsync(cancellationToken);
        var datagrams = batch.Bytes;
        var records = batch.Records;
        for (var i = 0; i < records.Count; i++)
        {
            if (_pacer is not null)
            {
                await _pacer.WaitTurnAsync(cancellationToken);
            }

            await SendDatagramAsync(socket, datagrams.Slice(records[i].Offset, records[i].Length), cancellationToken);

            // Each datagram that left is counted, even when a later one fails: it may well have arrived.
            batch.Delivered(i + 1);
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket?.Dispose();
        _socket = null;
        return ValueTask.CompletedTask;
    }

    private async ValueTask<Socket> ConnectIfNeededAsync(CancellationToken cancellationToken)
    {
        _socket ??= await ConnectAsync(cancellationToken);
        return _socket;
    }

    private async ValueTask<Socket> ConnectAsync(CancellationToken cancellationToken)
    {
        // "Connecting" a UDP socket sends nothing; it fixes the peer (a DNS name is resolved now, at every reconnect)
        // and lets the kernel report ICMP port-unreachable back to us.
        var socket = new Socket(SocketType.Dgram, ProtocolType.Udp) { SendBufferSize = SendBufferBytes };
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

        return socket;
    }

    private async ValueTask SendDatagramAsync(Socket socket, ReadOnlyMemory<byte> datagram, CancellationToken cancellationToken)
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
