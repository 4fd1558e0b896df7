using AuditBridge.Secrets;

namespace AuditBridge.Core.Tests.Secrets;

public sealed class SecretTests
{
    [Theory]
    [InlineData("1234567")]
    [InlineData("Bearer abc1234")]
    [InlineData("Splunk short")]
    [InlineData("Basic dXNlcjpwdw==")] // user:pw
    public void Constructor_WhenValueOrItsCredentialIsShorterThanEight_RefusesNamingTheOriginNotTheValue(string value)
    {
        var error = Assert.Throws<ArgumentException>(() => new Secret(value, "env WEBHOOK_TOKEN"));

        Assert.Contains("env WEBHOOK_TOKEN", error.Message, StringComparison.Ordinal);
        Assert.Contains("shorter than 8 characters are refused", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(value, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12345678")]
    [InlineData("Bearer abcd1234")]
    [InlineData("Basic dXNlcjpwYXNzd29yZA==")] // user:password
    [InlineData("correct horse battery staple")]
    public void Constructor_WhenEveryCredentialHasEightCharacters_Accepts(string value)
    {
        var secret = new Secret(value, "env X");

        Assert.Equal(value, secret.Reveal());
        Assert.Equal("***", secret.ToString());
    }

    [Fact]
    public void Identifier_WhenShort_IsAcceptedAndMarked()
    {
        var enterprise = Secret.Identifier("9348812", "enterprise_id");

        Assert.True(enterprise.IsIdentifier);
        Assert.Equal("9348812", enterprise.Reveal());
    }
}
