using System.Text;
using AuditBridge.Secrets;
using AuditBridge.Simulators.Box;
using AuditBridge.Sources;
using AuditBridge.Sources.Box;
using AuditBridge.TestKit;

namespace AuditBridge.Connectors.Tests.Sources.Box;

public sealed class BoxAppConfigTests
{
    private static readonly BoxJwtApp App = BoxJwtApp.Create();

    [Fact]
    public void Load_ADeveloperConsoleConfig_ReadsEverySetting()
    {
        using var directory = TempDirectory.ForCaller();
        var path = directory.Combine("config.json");
        File.WriteAllText(path, App.ConfigJson("client-1", "secret-1", "9348812"));

        var settings = BoxAppConfig.Load(path, passphraseOverride: null);

        Assert.Equal("client-1", settings.ClientId.Reveal());
        Assert.Equal("secret-1", settings.ClientSecret.Reveal());
        Assert.Equal(App.PublicKeyId, settings.PublicKeyId);
        Assert.Equal("9348812", settings.EnterpriseId.Reveal());
        Assert.Equal(App.Passphrase, settings.Passphrase!.Reveal());
        Assert.Equal(path, settings.Origin);
        Assert.Equal($"{path} (boxAppSettings.clientSecret)", settings.ClientSecret.Origin);
    }

    [Fact]
    public void Parse_WithoutThePassphraseInTheFile_UsesTheOverride()
    {
        var json = Encoding.UTF8.GetBytes(App.ConfigJson("client-1", "secret-1", "9348812", includePassphrase: false));

        var settings = BoxAppConfig.Parse(json, "config.json", new Secret(App.Passphrase, "env BOX_JWT_PASSPHRASE"));

        Assert.Equal("env BOX_JWT_PASSPHRASE", settings.Passphrase!.Origin);
    }

    [Fact]
    public void Parse_WithAWrongPassphrase_FailsNamingTheFileAndKeyWithoutLeakingThem()
    {
        var json = Encoding.UTF8.GetBytes(App.ConfigJson("client-1", "secret-1", "9348812"));

        var failure = Assert.Throws<SourceException>(() => BoxAppConfig.Parse(json, "/etc/box/config.json", new Secret("wrong-passphrase", "env BOX_JWT_PASSPHRASE")));

        Assert.Equal(SourceErrorKind.Authentication, failure.Kind);
        Assert.False(failure.IsTransient);
        Assert.Contains("/etc/box/config.json", failure.Message, StringComparison.Ordinal);
        Assert.Contains("boxAppSettings.appAuth.privateKey", failure.Message, StringComparison.Ordinal);
        Assert.Contains("env BOX_JWT_PASSPHRASE", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-passphrase", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(App.EncryptedPrivateKeyPem.Split('\n')[1], failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"boxAppSettings":{"clientID":"client-id-1","clientSecret":"secret-0001","appAuth":{"publicKeyID":"k","passphrase":"passphrase-1"}},"enterpriseID":"1"}""", "'boxAppSettings.appAuth.privateKey'")]
    [InlineData("""{"boxAppSettings":{"clientID":"client-id-1","clientSecret":"secret-0001"},"enterpriseID":"1"}""", "'boxAppSettings.appAuth' object")]
    [InlineData("""{"enterpriseID":"1"}""", "'boxAppSettings' object")]
    [InlineData("""{"boxAppSettings":{"clientID":"client-id-1","clientSecret":"secret-0001","appAuth":{"publicKeyID":"k","privateKey":"not-a-pem-key","passphrase":"passphrase-1"}}}""", "'enterpriseID'")]
    [InlineData("""{"boxAppSettings":{"clientID":7,"clientSecret":"secret-0001"}}""", "'boxAppSettings.appAuth' object")]
    [InlineData("""{"boxAppSettings": {"clientID": "c",""", "not valid JSON (line 1")]
    [InlineData("""["x"]""", "is a JSON Array")]
    public void Parse_WhenSomethingIsMissing_NamesTheJsonPath(string json, string expected)
    {
        var failure = Assert.Throws<SourceException>(() => BoxAppConfig.Parse(Encoding.UTF8.GetBytes(json), "config.json", null));

        Assert.Equal(SourceErrorKind.Authentication, failure.Kind);
        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
        Assert.Contains("config.json", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AKeyThatIsNotPem_FailsWithoutEchoingIt()
    {
        const string Json = """{"boxAppSettings":{"clientID":"client-id-1","clientSecret":"secret-0001","appAuth":{"publicKeyID":"k","privateKey":"MIIsecretkeymaterial","passphrase":"passphrase-1"}},"enterpriseID":"1"}""";

        var failure = Assert.Throws<SourceException>(() => BoxAppConfig.Parse(Encoding.UTF8.GetBytes(Json), "config.json", null));

        Assert.Contains("holds no PEM RSA private key", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("MIIsecretkeymaterial", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AMissingFile_SaysWhereToGetIt()
    {
        var failure = Assert.Throws<SourceException>(() => BoxAppConfig.Load("/nonexistent/box-config.json", null));

        Assert.Contains("/nonexistent/box-config.json", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Developer Console", failure.Message, StringComparison.Ordinal);
    }
}
