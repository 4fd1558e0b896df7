using AuditBridge.Cli.Credentials;
using AuditBridge.Shell;

namespace AuditBridge.Tests.Cli.Credentials;

public sealed class DropboxCredentialLoaderTests
{
    [Fact]
    public void Load_PrefersTheRefreshFlowWhenAllThreeVariablesAreSet()
    {
        var credentials = DropboxCredentialLoader.Load(
            new Dictionary<string, string> { ["DROPBOX_REFRESH_TOKEN"] = "r-token-0001", ["DROPBOX_APP_KEY"] = "a-key-0001", ["DROPBOX_APP_SECRET"] = "a-secret-01" },
            settingsFile: null);

        Assert.True(credentials.CanRefresh);
        Assert.Null(credentials.AccessToken);
        Assert.Equal("***", credentials.RefreshToken!.ToString());
        Assert.Equal("env DROPBOX_REFRESH_TOKEN", credentials.RefreshToken.Origin);
    }

    [Fact]
    public void Load_WhenOnlyPartOfTheRefreshTrioIsSet_SaysWhichAreMissing()
    {
        var failure = Assert.Throws<UsageException>(() => DropboxCredentialLoader.Load(
            new Dictionary<string, string> { ["DROPBOX_REFRESH_TOKEN"] = "r-token-0001" }, settingsFile: null));

        Assert.Contains("missing: DROPBOX_APP_KEY, DROPBOX_APP_SECRET", failure.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Authentication, failure.ExitCode);
    }

    [Fact]
    public void Load_WhenATokenIsShorterThanEightCharacters_RefusesNamingTheVariableNotTheValue()
    {
        var failure = Assert.Throws<UsageException>(() => DropboxCredentialLoader.Load(
            new Dictionary<string, string> { ["DROPBOX_APP_KEY"] = "k3y", ["DROPBOX_REFRESH_TOKEN"] = "r-token-0001", ["DROPBOX_APP_SECRET"] = "a-secret-01" },
            settingsFile: null));

        Assert.Contains("env DROPBOX_APP_KEY is 3 characters long", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("k3y", failure.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, failure.ExitCode);
    }

    [Fact]
    public void Load_WhenNothingIsSet_ExplainsEveryWayToGiveCredentials()
    {
        var failure = Assert.Throws<UsageException>(() => DropboxCredentialLoader.Load(new Dictionary<string, string>(), settingsFile: null));

        Assert.Contains("DROPBOX_ACCESS_TOKEN", failure.Message, StringComparison.Ordinal);
        Assert.Contains("--settings", failure.Message, StringComparison.Ordinal);
        Assert.Contains("never taken from the command line", failure.Message, StringComparison.Ordinal);
    }
}
