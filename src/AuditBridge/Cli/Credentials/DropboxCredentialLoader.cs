using AuditBridge.Secrets;
using AuditBridge.Shell;
using AuditBridge.Sources.Dropbox;

namespace AuditBridge.Cli.Credentials;

/// <summary>
/// Finds Dropbox credentials in the environment (with <c>.env</c> merged in) or the seed script's settings file.
/// Never from the command line: a value typed there lands in shell history and in every process listing.
/// </summary>
internal static class DropboxCredentialLoader
{
    public const string AccessTokenVariable = "DROPBOX_ACCESS_TOKEN";
    public const string RefreshTokenVariable = "DROPBOX_REFRESH_TOKEN";
    public const string AppKeyVariable = "DROPBOX_APP_KEY";
    public const string AppSecretVariable = "DROPBOX_APP_SECRET";

    public static DropboxCredentials Load(IReadOnlyDictionary<string, string> environment, string? settingsFile)
    {
        Secret? Env(string name) => EnvironmentSecrets.Read(environment, name);

        var refresh = Env(RefreshTokenVariable);
        var appKey = Env(AppKeyVariable);
        var appSecret = Env(AppSecretVariable);
        var refreshParts = new[] { refresh, appKey, appSecret }.Count(s => s is not null);
        if (refreshParts is 1 or 2)
        {
            var missing = new[] { (refresh, RefreshTokenVariable), (appKey, AppKeyVariable), (appSecret, AppSecretVariable) }
                .Where(p => p.Item1 is null).Select(p => p.Item2);
            throw new UsageException($"a refresh token needs all three of {RefreshTokenVariable}, {AppKeyVariable} and {AppSecretVariable}; missing: {string.Join(", ", missing)}", ExitCodes.Authentication);
        }

        var access = Env(AccessTokenVariable);
        if (access is null && settingsFile is not null)
        {
            access = EnvironmentSecrets.Create(SeedSettingsFile.ReadToken(settingsFile), settingsFile);
        }

        if (access is null && refresh is null)
        {
            throw new UsageException(
                $"no Dropbox credentials: set {AccessTokenVariable} (a team access token), or {RefreshTokenVariable} with {AppKeyVariable} and {AppSecretVariable} (recommended: tokens are renewed), in the environment or in ./.env; or give --settings parserSettings.ini. Secrets are never taken from the command line.",
                ExitCodes.Authentication);
        }

        return new DropboxCredentials { AccessToken = access, RefreshToken = refresh, AppKey = appKey, AppSecret = appSecret };
    }
}
