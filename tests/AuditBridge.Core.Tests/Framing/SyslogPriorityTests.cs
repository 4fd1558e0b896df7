using AuditBridge.Framing;

namespace AuditBridge.Core.Tests.Framing;

public sealed class SyslogPriorityTests
{
    [Theory]
    [InlineData(SyslogFacility.Kern, SyslogSeverity.Emergency, 0)]
    [InlineData(SyslogFacility.Kern, SyslogSeverity.Debug, 7)]
    [InlineData(SyslogFacility.User, SyslogSeverity.Notice, 13)]
    [InlineData(SyslogFacility.Auth, SyslogSeverity.Critical, 34)]
    [InlineData(SyslogFacility.AuthPriv, SyslogSeverity.Informational, 86)]
    [InlineData(SyslogFacility.Local0, SyslogSeverity.Emergency, 128)]
    [InlineData(SyslogFacility.Local4, SyslogSeverity.Informational, 166)]
    [InlineData(SyslogFacility.Local4, SyslogSeverity.Warning, 164)]
    [InlineData(SyslogFacility.Local4, SyslogSeverity.Error, 163)]
    [InlineData(SyslogFacility.Local4, SyslogSeverity.Critical, 162)]
    [InlineData(SyslogFacility.Local7, SyslogSeverity.Debug, 191)]
    public void Compute_ForFacilityAndSeverity_IsFacilityTimesEightPlusSeverity(SyslogFacility facility, SyslogSeverity severity, int expected)
    {
        var pri = SyslogPriority.Compute(facility, severity);

        Assert.Equal(expected, pri);
    }

    [Theory]
    [InlineData((SyslogFacility)24, SyslogSeverity.Debug)]
    [InlineData((SyslogFacility)(-1), SyslogSeverity.Debug)]
    [InlineData(SyslogFacility.Local4, (SyslogSeverity)8)]
    public void Compute_WhenValueIsOutOfRange_Throws(SyslogFacility facility, SyslogSeverity severity)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SyslogPriority.Compute(facility, severity));
    }

    [Theory]
    [InlineData(-5, SyslogSeverity.Informational)]
    [InlineData(0, SyslogSeverity.Informational)]
    [InlineData(1, SyslogSeverity.Informational)]
    [InlineData(2, SyslogSeverity.Informational)]
    [InlineData(3, SyslogSeverity.Informational)]
    [InlineData(4, SyslogSeverity.Warning)]
    [InlineData(5, SyslogSeverity.Warning)]
    [InlineData(6, SyslogSeverity.Warning)]
    [InlineData(7, SyslogSeverity.Error)]
    [InlineData(8, SyslogSeverity.Error)]
    [InlineData(9, SyslogSeverity.Critical)]
    [InlineData(10, SyslogSeverity.Critical)]
    [InlineData(11, SyslogSeverity.Critical)]
    public void FromEventSeverity_ForCefSeverity_FollowsTheCefBands(int eventSeverity, SyslogSeverity expected)
    {
        var severity = SyslogPriority.FromEventSeverity(eventSeverity);

        Assert.Equal(expected, severity);
    }

    [Theory]
    [InlineData("kern", SyslogFacility.Kern)]
    [InlineData("user", SyslogFacility.User)]
    [InlineData("auth", SyslogFacility.Auth)]
    [InlineData("authpriv", SyslogFacility.AuthPriv)]
    [InlineData("ntp", SyslogFacility.Ntp)]
    [InlineData("audit", SyslogFacility.Audit)]
    [InlineData("clock", SyslogFacility.Clock)]
    [InlineData("local0", SyslogFacility.Local0)]
    [InlineData("local4", SyslogFacility.Local4)]
    [InlineData("LOCAL7", SyslogFacility.Local7)]
    [InlineData(" Local4 ", SyslogFacility.Local4)]
    [InlineData("0", SyslogFacility.Kern)]
    [InlineData("20", SyslogFacility.Local4)]
    [InlineData("23", SyslogFacility.Local7)]
    public void ParseFacility_WhenNameOrNumber_ReturnsFacility(string text, SyslogFacility expected)
    {
        var facility = SyslogPriority.ParseFacility(text);

        Assert.Equal(expected, facility);
    }

    [Theory]
    [InlineData("")]
    [InlineData("local8")]
    [InlineData("24")]
    [InlineData("-1")]
    [InlineData("+4")]
    [InlineData("020")]
    [InlineData("4.0")]
    [InlineData("security")]
    public void ParseFacility_WhenUnknown_ThrowsFormatExceptionListingValidValues(string text)
    {
        var error = Assert.Throws<FormatException>(() => SyslogPriority.ParseFacility(text));

        Assert.Contains("0..23", error.Message, StringComparison.Ordinal);
        Assert.Contains("local7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetFacilityName_ForEveryFacility_RoundTripsThroughParseFacility()
    {
        var facilities = Enum.GetValues<SyslogFacility>();

        var roundTripped = facilities.Select(f => SyslogPriority.ParseFacility(SyslogPriority.GetFacilityName(f)));

        Assert.Equal(facilities, roundTripped);
        Assert.Equal(24, facilities.Length);
    }
}
