using AuditBridge.Secrets;
using AuditBridge.Sources.Box;

namespace AuditBridge.Connectors.Tests.Sources.Box;

public sealed class BoxSourceOptionsTests
{
    private static readonly BoxCredentials Token = BoxCredentials.FromDeveloperToken(new Secret("developer-token", "test"));

    [Fact]
    public void Validate_TheDefaults_AreValid()
    {
        Assert.Null(new BoxSourceOptions { Credentials = Token }.Validate());
    }

    [Fact]
    public void Validate_ATimeWindowOnTheStreamingStream_IsRefusedBecauseBoxIgnoresIt()
    {
        var options = new BoxSourceOptions { Credentials = Token, Stream = BoxStreamType.AdminLogsStreaming, CreatedAfter = new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero) };

        var problem = options.Validate();

        Assert.NotNull(problem);
        Assert.Contains("--created-after", problem, StringComparison.Ordinal);
        Assert.Contains("admin_logs_streaming", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(501)]
    public void Validate_ALimitOutside1To500_IsRefused(int limit)
    {
        Assert.Contains("--limit", new BoxSourceOptions { Credentials = Token, Limit = limit }.Validate(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("login")]
    [InlineData("LOGIN,DOWNLOAD")]
    [InlineData("")]
    public void Validate_AnEventTypeThatIsNotABoxName_IsRefused(string type)
    {
        Assert.Contains("--event-type", new BoxSourceOptions { Credentials = Token, EventTypes = [type] }.Validate(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12a")]
    [InlineData("-1")]
    [InlineData("1.5e18")]
    public void Validate_AStreamPositionThatIsNotOne_IsRefused(string position)
    {
        Assert.Contains("--stream-position", new BoxSourceOptions { Credentials = Token, InitialStreamPosition = position }.Validate(), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AWindowThatEndsBeforeItStarts_IsRefused()
    {
        var start = new DateTimeOffset(2024, 5, 2, 0, 0, 0, TimeSpan.Zero);

        var problem = new BoxSourceOptions { Credentials = Token, CreatedAfter = start, CreatedBefore = start.AddDays(-1) }.Validate();

        Assert.Contains("--created-before", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CredentialsWithTwoMethodsOrAMissingPart_AreRefused()
    {
        var both = new BoxCredentials { DeveloperToken = new Secret("developer-token", "t"), ClientId = new Secret("client-id", "t") };
        var partial = new BoxCredentials { ClientId = new Secret("client-id", "t"), ClientSecret = new Secret("client-secret", "t") };

        Assert.Contains("ambiguous", new BoxSourceOptions { Credentials = both }.Validate(), StringComparison.Ordinal);
        Assert.Contains("missing: enterprise id", new BoxSourceOptions { Credentials = partial }.Validate(), StringComparison.Ordinal);
        Assert.Contains("no Box credentials", new BoxSourceOptions { Credentials = new BoxCredentials() }.Validate(), StringComparison.Ordinal);
    }
}
