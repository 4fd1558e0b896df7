using AuditBridge.Formats;
using AuditBridge.Framing;
using AuditBridge.Sinks;
using AuditBridge.Sinks.Syslog;

namespace AuditBridge.Connectors.Tests.Sinks.Syslog;

public sealed class SyslogSinkOptionsTests
{
    [Fact]
    public void Validate_Defaults_OnlyMissEndpoint()
    {
        var options = new SyslogSinkOptions();

        var errors = options.Validate();

        Assert.Equal(SyslogHeaderFormat.Rfc5424, options.HeaderFormat);
        Assert.Equal(FramingMethod.OctetCounting, options.Framing);
        Assert.Equal(SyslogFacility.Local4, options.Facility);
        Assert.Equal("auditbridge", options.AppName);
        Assert.Equal(1400, options.MaxDatagramBytes);
        Assert.Equal(65_536, options.MaxMessageBytes);
        Assert.Equal(2000, options.MaxRate);
        Assert.False(options.InsecureSkipVerify);
        Assert.Single(errors);
        Assert.Contains("Endpoint is required", errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SeveralProblems_ListsEveryOne()
    {
        var options = new SyslogSinkOptions
        {
            Endpoint = "tcp://siem:514",
            Framing = FramingMethod.CrLf,
            MaxDatagramBytes = 100,
            MaxMessageBytes = 0,
            MaxRate = -1,
            ConnectTimeout = TimeSpan.Zero,
            WriteTimeout = TimeSpan.FromHours(1),
            Facility = (SyslogFacility)30,
            CaFile = "/nonexistent/ca.pem",
            InsecureSkipVerify = true,
        };

        var errors = options.Validate();

        Assert.Collection(
            errors,
            e => Assert.Contains("Facility '30'", e, StringComparison.Ordinal),
            e => Assert.Contains("Framing 'CrLf'", e, StringComparison.Ordinal),
            e => Assert.Contains("MaxDatagramBytes 100", e, StringComparison.Ordinal),
            e => Assert.Contains("MaxRate -1 is outside 0..1000000 datagrams per second (0: no limit)", e, StringComparison.Ordinal),
            e => Assert.Contains("MaxMessageBytes 0", e, StringComparison.Ordinal),
            e => Assert.Contains("ConnectTimeout", e, StringComparison.Ordinal),
            e => Assert.Contains("WriteTimeout", e, StringComparison.Ordinal),
            e => Assert.Contains("CaFile applies to tls:// endpoints only", e, StringComparison.Ordinal),
            e => Assert.Contains("InsecureSkipVerify applies to tls:// endpoints only", e, StringComparison.Ordinal),
            e => Assert.Contains("CaFile '/nonexistent/ca.pem' does not exist", e, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_UdpWithAnyFraming_IsValidBecauseDatagramsAreNotFramed()
    {
        var options = new SyslogSinkOptions { Endpoint = "udp://siem:514", Framing = FramingMethod.None };

        var errors = options.Validate();

        Assert.Empty(errors);
    }

    [Fact]
    public void Create_InvalidOptions_ThrowsPermanentSinkExceptionListingTheProblems()
    {
        var options = new SyslogSinkOptions { Endpoint = "ftp://siem", MaxDatagramBytes = 10 };

        var error = Assert.Throws<SinkException>(() => SyslogSinkFactory.Create(options, new TestCefFormatter(), TimeProvider.System));

        Assert.False(error.IsTransient);
        Assert.Contains("scheme 'ftp'", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxDatagramBytes 10", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WithAFormatThatNeedsAFileHeader_ThrowsPermanentSinkExceptionSayingWhy()
    {
        var options = new SyslogSinkOptions { Endpoint = "tcp://127.0.0.1:9" };

        var error = Assert.Throws<SinkException>(() => SyslogSinkFactory.Create(options, EventFormatters.Csv(), TimeProvider.System));

        Assert.False(error.IsTransient);
        Assert.Contains("csv cannot go to syslog (a CSV line means nothing without its header)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cef", false)]
    [InlineData("leef", false)]
    [InlineData("json", false)]
    [InlineData("csv", true)]
    public void RefusedFormat_IsSaidOnlyForFormatsWithAFileHeader(string format, bool refused)
    {
        var reason = SyslogSinkFactory.RefusedFormat(EventFormatters.Create(format));

        Assert.Equal(refused, reason is not null);
    }

    [Fact]
    public void Create_ByTransport_PicksTheGuarantee()
    {
        var formatter = new TestCefFormatter();

        var udp = SyslogSinkFactory.Create(new SyslogSinkOptions { Endpoint = "udp://127.0.0.1:9" }, formatter, TimeProvider.System);
        var tcp = SyslogSinkFactory.Create(new SyslogSinkOptions { Endpoint = "tcp://127.0.0.1:9" }, formatter, TimeProvider.System);
        var tls = SyslogSinkFactory.Create(new SyslogSinkOptions { Endpoint = "tls://127.0.0.1:9" }, formatter, TimeProvider.System);

        Assert.Equal(DeliveryGuarantee.BestEffort, udp.Guarantee);
        Assert.Equal(DeliveryGuarantee.AtLeastOnce, tcp.Guarantee);
        Assert.Equal(DeliveryGuarantee.AtLeastOnce, tls.Guarantee);
    }
}
