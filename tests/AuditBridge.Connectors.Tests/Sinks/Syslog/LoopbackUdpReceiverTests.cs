using System.Net;
using System.Net.Sockets;
using AuditBridge.TestKit.Receivers;

namespace AuditBridge.Connectors.Tests.Sinks.Syslog;

/// <summary>The test receiver itself: it must stand for a default receiver, and be reachable however localhost resolves.</summary>
public sealed class LoopbackUdpReceiverTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task StartOnLocalhost_ReceivesOnBothLoopbackAddressesOnOnePort()
    {
        Assert.SkipUnless(Socket.OSSupportsIPv6, "a host without IPv6 resolves localhost to 127.0.0.1 only");
        await using var receiver = LoopbackUdpReceiver.StartOnLocalhost();
        using var v4 = new UdpClient(AddressFamily.InterNetwork);
        using var v6 = new UdpClient(AddressFamily.InterNetworkV6);

        await v4.SendAsync("over IPv4"u8.ToArray(), new IPEndPoint(IPAddress.Loopback, receiver.Port), TestContext.Current.CancellationToken);
        await v6.SendAsync("over IPv6"u8.ToArray(), new IPEndPoint(IPAddress.IPv6Loopback, receiver.Port), TestContext.Current.CancellationToken);

        await receiver.WaitForDatagramsAsync(2, Timeout, TestContext.Current.CancellationToken);
        Assert.Equal(["over IPv4", "over IPv6"], receiver.DatagramStrings().Order(StringComparer.Ordinal));
        Assert.Equal([IPAddress.Loopback, IPAddress.IPv6Loopback], receiver.Addresses);
    }

    [Fact]
    public async Task Start_HoldsNoMoreThanADefaultKernelsReceiveBuffer()
    {
        await using var receiver = LoopbackUdpReceiver.Start();

        Assert.InRange(receiver.ReceiveBufferBytes, 1, 2 * LoopbackUdpReceiver.DefaultKernelReceiveBuffer);
    }
}
