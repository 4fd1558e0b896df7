using AuditBridge.Cli.Credentials;
using AuditBridge.Shell;
using AuditBridge.TestKit;

namespace AuditBridge.Tests.Cli.Credentials;

public sealed class SeedSettingsFileTests
{
    [Fact]
    public void ReadToken_ReadsTheSeedScriptsLayout()
    {
        using var directory = TempDirectory.ForCaller();
        var path = directory.Combine("parserSettings.ini");
        File.WriteAllText(path, "[DEFAULT]\n; the seed's file\ndfbToken=sl.seed-token\n");

        Assert.Equal("sl.seed-token", SeedSettingsFile.ReadToken(path));
    }

    [Theory]
    [InlineData("[DEFAULT]\ndfbToken=<dropbox_team_audit_access_token>\n", ":2: dfbToken is empty or still the placeholder")]
    [InlineData("[DEFAULT]\nother=1\n", ": no dfbToken= line found")]
    [InlineData("[DEFAULT\n", ":1: a section header must look like [DEFAULT]")]
    [InlineData("[DEFAULT]\nnonsense\n", ":2: expected key=value")]
    public void ReadToken_WhenTheFileIsNotUsable_NamesFileAndLine(string content, string expected)
    {
        using var directory = TempDirectory.ForCaller();
        var path = directory.Combine("parserSettings.ini");
        File.WriteAllText(path, content);

        var failure = Assert.Throws<UsageException>(() => SeedSettingsFile.ReadToken(path));

        Assert.Equal(path + expected, failure.Message[..(path.Length + expected.Length)]);
    }
}
