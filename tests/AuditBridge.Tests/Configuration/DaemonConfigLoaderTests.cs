using AuditBridge.Configuration;
using AuditBridge.TestKit;

namespace AuditBridge.Tests.Configuration;

public sealed class DaemonConfigLoaderTests
{
    private static readonly Dictionary<string, string> Environment = new()
    {
        ["DBX_REFRESH"] = "r-token-0001",
        ["DBX_KEY"] = "a-key-0001",
        ["DBX_SECRET"] = "a-secret-01",
    };

    [Fact]
    public void Load_AFullConfiguration_ReadsEverySection()
    {
        using var directory = TempDirectory.ForCaller();
        var path = Write(directory, """
            journal:
              path: data/journal.db
              retention: 90d
            listen: 127.0.0.1:9500
            log:
              level: debug
              format: json
            sources:
              - name: acme-dropbox
                type: dropbox
                credentials:
                  refresh_token: ${DBX_REFRESH}
                  app_key: ${DBX_KEY}
                  app_secret: ${DBX_SECRET}
                category: logins
                interval: 2m
                start: 7d
            sinks:
              - name: siem
                type: syslog
                endpoint: tcp://127.0.0.1:6514
                format: cef
                cef_profile: dropbox-blog
                min_severity: 5
                sources: [acme-dropbox]
              - name: archive
                type: file
                path: archive/events.jsonl
            severity:
              default: 4
              vendors:
                dropbox:
                  categories:
                    logins: 8
            """);

        var config = DaemonConfigLoader.Load(path, "auditbridge.yaml", Environment);

        Assert.Equal(Path.Combine(directory.Path, "data/journal.db"), config.Journal.Path);
        Assert.Equal(TimeSpan.FromDays(90), config.Journal.Retention);
        Assert.Equal(new ListenSettings("127.0.0.1", 9500), config.Listen);
        Assert.True(config.Log.Json);
        var source = Assert.Single(config.Sources);
        Assert.Equal(("acme-dropbox", "dropbox", TimeSpan.FromMinutes(2), TimeSpan.FromDays(7)), (source.Name, source.Type, source.Interval, source.Start));
        Assert.Equal(["siem", "archive"], config.Sinks.Select(s => s.Name));
        Assert.Equal(5, config.Sinks[0].MinSeverity);
        Assert.Equal(["acme-dropbox"], config.Sinks[0].Sources!);
        Assert.Null(config.Sinks[1].Sources);
        Assert.Equal(8, config.Severity.Resolve("dropbox", "logins", "login_fail"));
        Assert.Equal(4, config.Severity.Resolve("dropbox", "protect", "protect_report_view"));
    }

    [Fact]
    public void Load_UdpAndFileSinks_DescribeTheirRateAndLinkSettings()
    {
        using var directory = TempDirectory.ForCaller();
        var path = Write(directory, """
            sources:
              - type: dropbox
                credentials: { access_token: "${DBX_REFRESH}" }
            sinks:
              - name: paced
                type: syslog
                endpoint: udp://127.0.0.1:514
              - name: slow
                type: syslog
                endpoint: udp://127.0.0.1:514
                max_rate: 500
              - name: flood
                type: syslog
                endpoint: udp://127.0.0.1:514
                max_rate: 0
              - name: linked
                type: file
                path: out/events.jsonl
                follow_symlinks: true
            """);

        var config = DaemonConfigLoader.Load(path, "auditbridge.yaml", Environment);

        Assert.EndsWith(", best effort, at most 2,000 datagrams/s", config.Sinks[0].Description, StringComparison.Ordinal);
        Assert.EndsWith(", best effort, at most 500 datagrams/s", config.Sinks[1].Description, StringComparison.Ordinal);
        Assert.EndsWith(", best effort, unpaced", config.Sinks[2].Description, StringComparison.Ordinal);
        Assert.Contains("written through a symbolic link at its path", config.Sinks[3].Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WithMinimalKeys_UsesTheDocumentedDefaults()
    {
        using var directory = TempDirectory.ForCaller();
        var path = Write(directory, """
            sources:
              - type: dropbox
                credentials: { access_token: "${DBX_REFRESH}" }
            """);

        var config = DaemonConfigLoader.Load(path, "auditbridge.yaml", Environment);

        Assert.Equal(Path.Combine(directory.Path, "auditbridge.db"), config.Journal.Path);
        Assert.Null(config.Journal.Retention);
        Assert.Equal(new ListenSettings("127.0.0.1", 9464), config.Listen);
        var source = Assert.Single(config.Sources);
        Assert.Equal(("dropbox", TimeSpan.FromMinutes(5), TimeSpan.FromDays(30), TimeSpan.Zero), (source.Name, source.Interval, source.Start, source.Lag));
        Assert.Empty(config.Sinks);
    }

    [Theory]
    [InlineData("sources: [", "auditbridge.yaml:2:1: not valid YAML")]
    [InlineData("- a\n- b", "auditbridge.yaml:1:1: the configuration must be a mapping with journal:, sources: and sinks:")]
    [InlineData("sinks: []", "auditbridge.yaml:1:1: sources: at least one source is needed (type: dropbox | box | dashlane)")]
    [InlineData("sources:\n  - type: dropbx\n    credentials: {access_token: '${DBX_REFRESH}'}", "auditbridge.yaml:2:11: sources[0].type: 'dropbx' is not one of dropbox, box, dashlane (did you mean 'dropbox'?)")]
    [InlineData("sources:\n  - type: dropbox\n    intervall: 5m\n    credentials: {access_token: '${DBX_REFRESH}'}", "auditbridge.yaml:3:5: sources[0].intervall: unknown key (did you mean 'interval'?)")]
    [InlineData("sources:\n  - type: dropbox\n    interval: soon\n    credentials: {access_token: '${DBX_REFRESH}'}", "auditbridge.yaml:3:15: sources[0].interval: 'soon' is not a duration; write 30s, 5m, 2h, 7d or a number of seconds")]
    [InlineData("sources:\n  - type: dropbox\n    request_timeout: 0s\n    credentials: {access_token: '${DBX_REFRESH}'}", "auditbridge.yaml:3:22: sources[0].request_timeout: must be at least 1s, got '0s'")]
    [InlineData("sources:\n  - type: box\n    request_timeout: 0\n    credentials: {developer_token: '${DBX_REFRESH}'}", "auditbridge.yaml:3:22: sources[0].request_timeout: must be at least 1s, got '0'")]
    [InlineData("sources:\n  - type: dropbox\n    request_timeout: -5s\n    credentials: {access_token: '${DBX_REFRESH}'}", "auditbridge.yaml:3:22: sources[0].request_timeout: '-5s' is not a duration")]
    [InlineData("sources:\n  - type: dashlane\n    timeout: 0s\n    credentials: {device_keys: '${DBX_KEY}'}", "auditbridge.yaml:3:14: sources[0].timeout: must be at least 1s, got '0s'")]
    [InlineData("sources:\n  - type: dropbox\n    credentials: {access_token: '${DBX_REFRESH}'}\nsinks:\n  - type: http\n    endpoint: https://hec.example.com\n    request_timeout: 0s", "auditbridge.yaml:7:22: sinks[0].request_timeout: must be at least 1s, got '0s'")]
    [InlineData("sources:\n  - type: dropbox\n    interval: 5s\n    credentials: {access_token: '${DBX_REFRESH}'}", "auditbridge.yaml:3:15: sources[0].interval: must be at least 10s, got '5s'")]
    [InlineData("sources:\n  - type: dropbox\n    credentials: {access_token: sl.literal-token}", "auditbridge.yaml:3:33: sources[0].credentials.access_token: write the secret as ${VARIABLE} (set in the environment or .env) or file:/path/to/secret, never the secret itself")]
    [InlineData("sources:\n  - type: dropbox\n    credentials: {access_token: '${MISSING_VAR}'}", "auditbridge.yaml:3:33: sources[0].credentials.access_token: the environment variable MISSING_VAR is not set")]
    [InlineData("sources:\n  - type: dropbox\n    credentials: {refresh_token: '${DBX_REFRESH}'}", "auditbridge.yaml:3:18: sources[0].credentials: refresh_token, app_key and app_secret go together")]
    [InlineData("sources:\n  - type: dropbox\n    category: logins\n    event_type: login_fail\n    credentials: {access_token: '${DBX_REFRESH}'}", "auditbridge.yaml:2:5: sources[0].event_type: category and event_type cannot be used together")]
    [InlineData("sources:\n  - type: dropbox\n    credentials: {access_token: '${DBX_REFRESH}'}\n  - type: dropbox\n    credentials: {access_token: '${DBX_REFRESH}'}", "auditbridge.yaml:4:5: sources[1].name: another source is already named 'dropbox' (names must be unique)")]
    [InlineData("sources:\n  - type: dropbox\n    credentials: {access_token: '${DBX_REFRESH}'}\nsinks:\n  - type: syslog\n    endpoint: smtp://x:25", "auditbridge.yaml:5:5: sinks[0].endpoint:")]
    [InlineData("sources:\n  - type: dropbox\n    credentials: {access_token: '${DBX_REFRESH}'}\nsinks:\n  - type: file\n    path: a.log\n    sources: [dropbx]", "auditbridge.yaml:5:5: sinks[0].sources: no source is named 'dropbx' (did you mean 'dropbox'?)")]
    [InlineData("sources:\n  - type: dropbox\n    credentials: {access_token: '${DBX_REFRESH}'}\nsinks:\n  - type: file\n    path: a.log\n    format: xml", "auditbridge.yaml:7:13: sinks[0].format: 'xml' is not one of cef, json, csv")]
    [InlineData("sources:\n  - type: dropbox\n    credentials: {access_token: '${DBX_REFRESH}'}\nlisten: everywhere", "auditbridge.yaml:1:1: listen: 'everywhere' is not HOST:PORT")]
    [InlineData("sources:\n  - type: dropbox\n    credentials: {access_token: '${DBX_REFRESH}'}\nlisten: 0.0.0.0:9464", "auditbridge.yaml:1:1: listen: '0.0.0.0' is not a loopback address: /healthz and /metrics have no authentication")]
    [InlineData("sources:\n  - type: dropbox\n    credentials: {access_token: '${DBX_REFRESH}'}\nlisten: '[::]:9464'", "auditbridge.yaml:1:1: listen: '::' is not a loopback address")]
    [InlineData("sources:\n  - type: dropbox\n    credentials: {access_token: '${DBX_REFRESH}'}\nlisten: 192.0.2.10:9464\nlisten_allow_remote: false", "auditbridge.yaml:1:1: listen: '192.0.2.10' is not a loopback address")]
    [InlineData("sources:\n  - type: dropbox\n    credentials: {access_token: '${DBX_REFRESH}'}\nseverity:\n  vendors:\n    dropbox:\n      categories:\n        logins: eleven", "auditbridge.yaml:8:17: severity.vendors.dropbox.categories.logins: must be a whole number from 0 to 10, got 'eleven'")]
    [InlineData("sources:\n  - type: box\n    credentials: {enterprise_id: '123'}", "auditbridge.yaml:3:18: sources[0].credentials: the Box Client Credentials Grant needs a client id, a client secret and an enterprise id; missing: client id, client secret")]
    [InlineData("sources:\n  - type: box\n    credentials: {developer_token: '${DBX_KEY}', client_id: '${DBX_KEY}', client_secret: '${DBX_SECRET}', enterprise_id: '1'}", "auditbridge.yaml:3:18: sources[0].credentials: Box credentials are ambiguous: give only one of")]
    [InlineData("sources:\n  - type: box\n    stream: admin\n    credentials: {developer_token: '${DBX_KEY}'}", "auditbridge.yaml:3:13: sources[0].stream: 'admin' is not one of admin_logs, admin_logs_streaming")]
    [InlineData("sources:\n  - type: box\n    credentials: {jwt_config_file: missing.json}", "auditbridge.yaml:3:18: sources[0].credentials.jwt_config_file: cannot read the Box app config file")]
    [InlineData("sources:\n  - type: box\n    event_types: [login]\n    credentials: {developer_token: '${DBX_KEY}'}", "auditbridge.yaml:2:5: sources[0].event_types: event_types values must be Box event type names")]
    [InlineData("sources:\n  - type: dashlane", "auditbridge.yaml:2:5: sources[0].credentials: dcli needs the team's device keys")]
    [InlineData("sources:\n  - type: dashlane\n    follow: true\n    credentials: {device_keys: '${DBX_KEY}'}", "auditbridge.yaml:2:5: sources[0].follow: Following needs an input file")]
    [InlineData("sources:\n  - type: dashlane\n    input: logs.jsonl\n    overlap: 90d", "auditbridge.yaml:2:5: sources[0].overlap: The overlap must be between 0 and 30 days")]
    [InlineData("sources:\n  - type: dropbox\n    credentials: {access_token: '${DBX_REFRESH}'}\nsinks:\n  - type: http\n    endpoint: https://hec.example.com:8088\n    format: csv", "auditbridge.yaml:5:5: sinks[0].format: csv cannot go to an http collector")]
    [InlineData("sources:\n  - type: dropbox\n    credentials: {access_token: '${DBX_REFRESH}'}\nsinks:\n  - type: syslog\n    endpoint: tcp://siem.example:514\n    format: csv", "auditbridge.yaml:5:5: sinks[0].format: csv cannot go to syslog (a CSV line means nothing without its header); use cef, leef or json")]
    [InlineData("sources:\n  - type: dropbox\n    credentials: {access_token: '${DBX_REFRESH}'}\nsinks:\n  - type: http\n    mode: splunk_hec\n    endpoint: https://hec.example.com:8088", "auditbridge.yaml:5:5: sinks[0].token: token is required for mode splunk_hec: the HEC token from Settings > Data inputs > HTTP Event Collector.")]
    [InlineData("sources:\n  - type: dropbox\n    credentials: {access_token: '${DBX_REFRESH}'}\nsinks:\n  - type: http\n    endpoint: https://hec.example.com\n    token: literal", "auditbridge.yaml:7:12: sinks[0].token: write the secret as ${VARIABLE}")]
    [InlineData("sources:\n  - type: dropbox\n    credentials: {access_token: '${DBX_REFRESH}'}\nsinks:\n  - type: http\n    endpoint: https://hec.example.com\n    headers: {'bad name': x}", "auditbridge.yaml:5:5: sinks[0].headers: Header name 'bad name' is not a valid HTTP header name.")]
    [InlineData("sources:\n  - type: dropbox\n    credentials: {access_token: '${DBX_REFRESH}'}\nsinks:\n  - type: http\n    mode: splunk_hec\n    endpoint: https://hec.example.com\n    token: '${DBX_KEY}'\n    secret_headers: {Authorization: '${DBX_SECRET}'}", "auditbridge.yaml:5:5: sinks[0].mode: mode splunk_hec sends Authorization: Splunk <token>: remove Authorization from secret_headers.")]
    [InlineData("sources:\n  - type: dropbox\n    credentials: {access_token: '${DBX_REFRESH}'}\nsinks:\n  - type: file\n    path: events.log\n    max_bytes: 10MB", "auditbridge.yaml:5:5: sinks[0].path: max_bytes needs {n} in the file name of path")]
    [InlineData("sources:\n  - type: dropbox\n    credentials: {access_token: '${DBX_REFRESH}'}\nsinks:\n  - type: syslog\n    endpoint: tcp://127.0.0.1:514\n    max_rate: 500", "auditbridge.yaml:5:5: sinks[0].max_rate: applies to udp:// endpoints only")]
    [InlineData("sources:\n  - type: dropbox\n    credentials: {access_token: '${DBX_REFRESH}'}\nsinks:\n  - type: syslog\n    endpoint: udp://127.0.0.1:514\n    max_rate: 2000000", "auditbridge.yaml:7:15: sinks[0].max_rate:")]
    [InlineData("sources:\n  - type: box\n    lag: 10m\n    credentials: {developer_token: '${DBX_REFRESH}'}", "auditbridge.yaml:2:5: sources[0].lag: a box source reads by cursor, which also returns events that arrive late; lag applies to sources that query time windows (dashlane). Remove it")]
    public void Load_WhenTheConfigurationIsBroken_SaysExactlyWhereAndWhat(string yaml, string expected)
    {
        using var directory = TempDirectory.ForCaller();
        var path = Write(directory, yaml);

        var failure = Assert.Throws<ConfigurationException>(() => DaemonConfigLoader.Load(path, "auditbridge.yaml", Environment));

        Assert.Contains(failure.Errors, e => e.ToString().StartsWith(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("listen: 127.0.0.1:9464", "127.0.0.1", false)]
    [InlineData("listen: 127.0.0.53:1", "127.0.0.53", false)]
    [InlineData("listen: localhost:0", "localhost", false)]
    [InlineData("listen: '[::1]:9464'", "::1", false)]
    [InlineData("listen: 0.0.0.0:9464\nlisten_allow_remote: true", "0.0.0.0", true)]
    [InlineData("listen: 192.0.2.10:9464\nlisten_allow_remote: true", "192.0.2.10", true)]
    [InlineData("listen: 127.0.0.1:9464\nlisten_allow_remote: true", "127.0.0.1", false)]
    public void Load_Listen_IsLoopbackUnlessRemoteIsAllowedInSoManyWords(string listen, string host, bool remote)
    {
        using var directory = TempDirectory.ForCaller();
        var path = Write(directory, "sources:\n  - type: dropbox\n    credentials: {access_token: '${DBX_REFRESH}'}\n" + listen);

        var config = DaemonConfigLoader.Load(path, "auditbridge.yaml", Environment);

        Assert.Equal((host, remote), (config.Listen!.Host, config.Listen.Remote));
    }

    [Fact]
    public void Load_ReportsEveryProblemAtOnce_InFileOrder()
    {
        using var directory = TempDirectory.ForCaller();
        var path = Write(directory, "sources:\n  - type: dropbox\n    interval: x\n    limit: 0\n    credentials: {access_token: '${DBX_REFRESH}'}\nsinkz: []\n");

        var failure = Assert.Throws<ConfigurationException>(() => DaemonConfigLoader.Load(path, "auditbridge.yaml", Environment));

        Assert.Equal([3, 4, 6], failure.Errors.Select(e => (int)e.Line));
        Assert.Contains("did you mean 'sinks'?", failure.Errors[2].Message, StringComparison.Ordinal);
        Assert.StartsWith("3 problems:", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReadsSecretsFromFilesAndDotEnv_AndInterpolatesDefaults()
    {
        using var directory = TempDirectory.ForCaller();
        File.WriteAllText(directory.Combine("secret.txt"), "from-file\n");
        File.WriteAllText(directory.Combine(".env"), "DOTENV_TOKEN=from-dotenv\n");
        var path = Write(directory, """
            journal:
              path: ${JOURNAL_DIR:-state}/j.db
            sources:
              - name: a
                type: dropbox
                credentials: { access_token: "file:secret.txt" }
              - name: b
                type: dropbox
                credentials: { access_token: "${DOTENV_TOKEN}" }
            """);

        var config = DaemonConfigLoader.Load(path, "auditbridge.yaml", new Dictionary<string, string>());

        Assert.Equal(Path.Combine(directory.Path, "state/j.db"), config.Journal.Path);
        Assert.Equal(2, config.Sources.Count);
    }

    [Fact]
    public void Load_TheExampleConfiguration_IsValid()
    {
        var example = RepositoryFiles.Combine("auditbridge.example.yaml");
        var environment = new Dictionary<string, string>
        {
            ["DROPBOX_REFRESH_TOKEN"] = "r-token-0001",
            ["DROPBOX_APP_KEY"] = "k-key-0001",
            ["DROPBOX_APP_SECRET"] = "s-secret-01",
            ["BOX_CLIENT_ID"] = "client-id-01",
            ["BOX_CLIENT_SECRET"] = "secret-0001",
            ["BOX_ENTERPRISE_ID"] = "42",
            ["DASHLANE_ENROLLED_TEAM_DEVICE_KEYS"] = "keys",
        };

        var config = DaemonConfigLoader.Load(example, "auditbridge.example.yaml", environment);

        Assert.Equal(["acme-dropbox", "acme-box", "acme-dashlane"], config.Sources.Select(s => s.Name));
        Assert.False(config.Sources[2].Enabled);
        Assert.Equal(["siem", "archive"], config.Sinks.Select(s => s.Name));
        Assert.Equal(TimeSpan.FromDays(90), config.Journal.Retention);
    }

    private static string Write(TempDirectory directory, string yaml)
    {
        var path = directory.Combine("auditbridge.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }
}
