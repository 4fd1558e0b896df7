using AuditBridge.Secrets;
using AuditBridge.Shell;
using AuditBridge.Sources;
using AuditBridge.Sources.Box;

namespace AuditBridge.Cli.Credentials;

/// <summary>
/// Finds Box credentials: the app's JWT config file (<c>--box-config</c>, its key's passphrase from the file or
/// <c>BOX_JWT_PASSPHRASE</c>), or the Client Credentials Grant trio, or a developer token — from the environment or
/// <c>./.env</c>, never the command line.
/// </summary>
internal static class BoxCredentialLoader
{
    public const string ClientIdVariable = "BOX_CLIENT_ID";
    public const string ClientSecretVariable = "BOX_CLIENT_SECRET";
    public const string EnterpriseIdVariable = "BOX_ENTERPRISE_ID";
    public const string PassphraseVariable = "BOX_JWT_PASSPHRASE";
    public const string DeveloperTokenVariable = "BOX_DEVELOPER_TOKEN";

    public static BoxCredentials Load(IReadOnlyDictionary<string, string> environment, string? configFile)
    {
        Secret? Env(string name) => EnvironmentSecrets.Read(environment, name);

        if (configFile is not null)
        {
            try
            {
                return BoxCredentials.FromJwt(BoxAppConfig.Load(configFile, Env(PassphraseVariable)));
            }
            catch (SourceException invalid)
            {
                throw new UsageException(invalid.Message, ExitCodes.Authentication);
            }
        }

        var clientId = Env(ClientIdVariable);
        var clientSecret = Env(ClientSecretVariable);
        // The enterprise id is an identifier kept out of messages, not a credential: it may be short.
        var enterpriseId = EnvironmentSecrets.Read(environment, EnterpriseIdVariable, isIdentifier: true);
        var parts = new[] { (clientId, ClientIdVariable), (clientSecret, ClientSecretVariable), (enterpriseId, EnterpriseIdVariable) };
        var given = parts.Count(p => p.Item1 is not null);
        if (given == 3)
        {
            return BoxCredentials.ClientCredentials(clientId!, clientSecret!, enterpriseId!);
        }

        if (given > 0)
        {
            throw new UsageException($"the Client Credentials Grant needs all three of {ClientIdVariable}, {ClientSecretVariable} and {EnterpriseIdVariable}; missing: {string.Join(", ", parts.Where(p => p.Item1 is null).Select(p => p.Item2))}", ExitCodes.Authentication);
        }

        if (Env(DeveloperTokenVariable) is { } developerToken)
        {
            return BoxCredentials.FromDeveloperToken(developerToken);
        }

        throw new UsageException(
            $"no Box credentials: set {ClientIdVariable}, {ClientSecretVariable} and {EnterpriseIdVariable} (a Client Credentials Grant app), or give the app's JWT config with --box-config FILE (passphrase in the file or {PassphraseVariable}), or set {DeveloperTokenVariable} for a quick try; in the environment or ./.env. Secrets are never taken from the command line.",
            ExitCodes.Authentication);
    }
}
