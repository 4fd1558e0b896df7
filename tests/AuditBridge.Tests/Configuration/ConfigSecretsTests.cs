using AuditBridge.Configuration;
using AuditBridge.TestKit;

namespace AuditBridge.Tests.Configuration;

/// <summary>How the configuration treats secrets and the settings that could expose them.</summary>
public sealed class ConfigSecretsTests : IDisposable
{
    private const string Token = "cfg-token-Wq8Er2Ty6Ui0";

    private static readonly Dictionary<string, string> Environment = new()
    {
        ["DBX_TOKEN"] = Token,
        ["SHORT_TOKEN"] = "abc1234",
    };

    private readonly TempDirectory _directory = TempDirectory.ForCaller();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Load_WhenASecretIsShorterThanEightCharacters_RefusesNamingItsOriginButNotItsValue()
    {
        var failure = Load("sources:\n  - type: dropbox\n    credentials: {access_token: '${SHORT_TOKEN}'}");

        var error = Assert.Single(failure.Errors);
        Assert.StartsWith("auditbridge.yaml:3:33: sources[0].credentials.access_token: the secret from env SHORT_TOKEN is 7 characters long; secrets shorter than 8 characters are refused", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("abc1234", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WhenTheTokenOfASecretHeaderIsShort_RefusesItToo()
    {
        File.WriteAllText(_directory.Combine("auth"), "Bearer abc");

        var failure = Load($"{Dropbox}sinks:\n  - type: http\n    endpoint: https://collector.example.com/\n    secret_headers: {{Authorization: 'file:auth'}}");

        Assert.Contains(failure.Errors, e => e.ToString().Contains("secret_headers.Authorization: the credential part of the secret from file ", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_WhenASecretFileIsLargerThan64KiB_RefusesItWithoutReadingItAll()
    {
        File.WriteAllText(_directory.Combine("huge"), new string('k', 70_000));

        var huge = Load("sources:\n  - type: dropbox\n    credentials: {access_token: 'file:huge'}");
        var endless = Load("sources:\n  - type: dropbox\n    credentials: {access_token: 'file:/dev/zero'}");

        Assert.Contains("it is larger than 64 KiB", Assert.Single(huge.Errors).Message, StringComparison.Ordinal);
        Assert.Contains("cannot read the secret file /dev/zero (it is larger than 64 KiB", Assert.Single(endless.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WhenASourceIsDisabled_ItsSecretsNeedNotBeSet()
    {
        var yaml = """
            sources:
              - type: dropbox
                credentials: {access_token: '${DBX_TOKEN}'}
              - name: old-dropbox
                type: dropbox
                enabled: false
                credentials: {refresh_token: '${UNSET_REFRESH}', app_key: 'file:missing-key', app_secret: '${UNSET_SECRET}'}
              - name: old-box
                type: box
                enabled: false
                credentials: {jwt_config_file: missing-config.json, jwt_passphrase: '${UNSET_PASSPHRASE}'}
              - name: old-dashlane
                type: dashlane
                enabled: false
            """;

        var config = DaemonConfigLoader.Load(Write(yaml), "auditbridge.yaml", Environment);

        Assert.Equal([true, false, false, false], config.Sources.Select(s => s.Enabled));
    }

    [Fact]
    public void Load_WhenTheSameSourceIsEnabled_ItsUnsetSecretIsAnError()
    {
        var failure = Load("sources:\n  - type: dropbox\n    enabled: true\n    credentials: {access_token: '${UNSET_TOKEN}'}");

        Assert.Contains("the environment variable UNSET_TOKEN is not set", Assert.Single(failure.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WhenADisabledSourceWritesASecretInTheFile_StillRefusesIt()
    {
        var failure = Load($"{Dropbox}  - name: old\n    type: dropbox\n    enabled: false\n    credentials: {{access_token: sl.literal-token-value}}");

        Assert.Contains("never the secret itself", Assert.Single(failure.Errors).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api_url: http://api.dropboxapi.com", "sources[0].api_url: api_url 'http://api.dropboxapi.com/' would send the credentials, tokens and audit events unencrypted")]
    [InlineData("oauth_url: http://10.0.0.7:8080", "sources[0].oauth_url: oauth_url 'http://10.0.0.7:8080/' would send")]
    [InlineData("api_url: https://dbx:hunter2-pass@api.dropboxapi.com", "sources[0].api_url: api_url must not contain user:password@ (https://api.dropboxapi.com/)")]
    [InlineData("api_url: 'ftp://api.dropboxapi.com'", "sources[0].api_url: api_url 'ftp://api.dropboxapi.com/' is not an https:// URL")]
    public void Load_WhenAVendorUrlIsNotHttps_RefusesItWithoutEchoingAPassword(string line, string expected)
    {
        var failure = Load($"sources:\n  - type: dropbox\n    {line}\n    credentials: {{access_token: '${{DBX_TOKEN}}'}}");

        Assert.Contains(failure.Errors, e => e.ToString().Contains(expected, StringComparison.Ordinal));
        Assert.DoesNotContain("hunter2", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WithAllowInsecureHttp_AcceptsPlainHttpAndRecordsAWarningForEveryStart()
    {
        var yaml = """
            sources:
              - type: box
                api_url: http://box-proxy.internal:8080
                allow_insecure_http: true
                credentials: {developer_token: '${DBX_TOKEN}'}
              - type: dropbox
                api_url: http://127.0.0.1:8080
                credentials: {access_token: '${DBX_TOKEN}'}
            sinks:
              - type: http
                endpoint: https://collector.example.com/
                insecure_skip_verify: true
              - name: plain
                type: http
                endpoint: http://collector.internal/
                allow_insecure_http: true
              - type: syslog
                endpoint: tls://siem.example.com:6514
                insecure_skip_verify: true
            """;

        var config = DaemonConfigLoader.Load(Write(yaml), "auditbridge.yaml", Environment);

        Assert.Contains("allow_insecure_http", Assert.Single(config.Sources[0].Warnings), StringComparison.Ordinal);
        Assert.Empty(config.Sources[1].Warnings);
        Assert.Contains("insecure_skip_verify", Assert.Single(config.Sinks[0].Warnings), StringComparison.Ordinal);
        Assert.Contains("allow_insecure_http", Assert.Single(config.Sinks[1].Warnings), StringComparison.Ordinal);
        Assert.Contains("insecure_skip_verify", Assert.Single(config.Sinks[2].Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_AnHttpSink_TeachesTheDaemonsRedactorItsTokenAndSecretHeaders()
    {
        var environment = new Dictionary<string, string>(Environment) { ["HEC"] = "hec-token-4Rt8Yu2Io6", ["WEBHOOK_KEY"] = "webhook-key-9Lk3Jh7Gf" };
        var config = DaemonConfigLoader.Load(
            Write($"{Dropbox}sinks:\n  - type: http\n    mode: splunk_hec\n    endpoint: https://hec.example.com:8088\n    token: '${{HEC}}'\n  - name: hook\n    type: http\n    endpoint: https://hook.example.com/\n    secret_headers: {{X-Api-Key: '${{WEBHOOK_KEY}}'}}"),
            "auditbridge.yaml",
            environment);
        var redactor = new AuditBridge.Secrets.SecretRedactor();
        using var http = new HttpClient();
        var services = new ComponentServices(TimeProvider.System, http, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, redactor, config.Severity.Resolve);

        foreach (var sink in config.Sinks)
        {
            await using var created = sink.Create(services);
        }

        Assert.Equal("*** ***", redactor.Redact("hec-token-4Rt8Yu2Io6 webhook-key-9Lk3Jh7Gf"));
    }

    [Fact]
    public void Load_WhenAPlainHeaderLooksLikeACredential_PointsToSecretHeaders()
    {
        var failure = Load($"{Dropbox}sinks:\n  - type: http\n    endpoint: https://collector.example.com/\n    headers: {{X-Api-Key: literal-api-key}}");

        Assert.Contains(failure.Errors, e => e.ToString().StartsWith("auditbridge.yaml:5:5: sinks[0].headers: Header 'X-Api-Key' looks like it carries a credential: put it in secret_headers", StringComparison.Ordinal));
        Assert.DoesNotContain("literal-api-key", failure.Message, StringComparison.Ordinal);
    }

    private static string Dropbox => "sources:\n  - type: dropbox\n    credentials: {access_token: '${DBX_TOKEN}'}\n";

    private ConfigurationException Load(string yaml) =>
        Assert.Throws<ConfigurationException>(() => DaemonConfigLoader.Load(Write(yaml), "auditbridge.yaml", Environment));

    private string Write(string yaml)
    {
        var path = _directory.Combine("auditbridge.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }
}
