using AuditBridge.Sinks.Syslog;

namespace AuditBridge.Connectors.Tests.Sinks.Syslog;

public sealed class SyslogEndpointTests
{
    [Theory]
    [InlineData("udp://10.0.0.5:514", "Udp", "10.0.0.5", 514)]
    [InlineData("tcp://siem.example.com:1514", "Tcp", "siem.example.com", 1514)]
    [InlineData("TLS://SIEM.example.com:6514", "Tls", "siem.example.com", 6514)]
    [InlineData("udp://siem", "Udp", "siem", 514)]
    [InlineData("tcp://siem", "Tcp", "siem", 514)]
    [InlineData("tls://siem", "Tls", "siem", 6514)]
    [InlineData("tcp://siem:514/", "Tcp", "siem", 514)]
    [InlineData("tcp://[::1]:514", "Tcp", "::1", 514)]
    [InlineData("udp://[2001:db8::10]:5140", "Udp", "2001:db8::10", 5140)]
    [InlineData(" tcp://127.0.0.1:65535 ", "Tcp", "127.0.0.1", 65535)]
    public void TryParse_ValidEndpoint_ReturnsTransportHostAndPort(string text, string transport, string host, int port)
    {
        var parsed = SyslogEndpoint.TryParse(text, out var endpoint, out var error);

        Assert.True(parsed, error);
        Assert.Equal(new SyslogEndpoint(Enum.Parse<SyslogTransport>(transport), host, port), endpoint);
    }

    [Theory]
    [InlineData(null, "required")]
    [InlineData("", "required")]
    [InlineData("siem.example.com:514", "no scheme")]
    [InlineData("http://siem:514", "scheme 'http' is not supported")]
    [InlineData("syslog://siem:514", "scheme 'syslog' is not supported")]
    [InlineData("tcp://siem:0", "port must be 1..65535")]
    [InlineData("tcp://siem:70000", "not a valid host:port")]
    [InlineData("tcp://:514", "not a valid host:port")]
    [InlineData("tcp://::1:514", "not a valid host:port")]
    [InlineData("tcp://siem:514/path", "only contain scheme, host and port")]
    [InlineData("tcp://user@siem:514", "only contain scheme, host and port")]
    [InlineData("tcp://siem:514?x=1", "only contain scheme, host and port")]
    public void TryParse_InvalidEndpoint_ExplainsWhy(string? text, string expected)
    {
        var parsed = SyslogEndpoint.TryParse(text, out _, out var error);

        Assert.False(parsed);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tcp://[::1]:514", "tcp://[::1]:514")]
    [InlineData("udp://Siem:99", "udp://siem:99")]
    [InlineData("tls://siem", "tls://siem:6514")]
    public void ToString_ForEndpoint_IsCanonical(string text, string expected)
    {
        Assert.True(SyslogEndpoint.TryParse(text, out var endpoint, out _));

        Assert.Equal(expected, endpoint.ToString());
    }
}
