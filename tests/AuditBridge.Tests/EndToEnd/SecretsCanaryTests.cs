using AuditBridge.Fakes.Dcli;
using AuditBridge.Shell;
using AuditBridge.Simulators.Box;
using AuditBridge.Simulators.Dropbox;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Dashlane;
using AuditBridge.TestKit.Receivers;
using AuditBridge.TestKit.Secrets;
using AuditBridge.TestKit.Time;
using AuditBridge.Tests.Cli;
using AuditBridge.Tests.Daemon;

namespace AuditBridge.Tests.EndToEnd;

/// <summary>
/// The secrets canary. Every secret of every source and sink (Dropbox refresh token, app key, app secret and access
/// token; Box client credentials and JWT app: client id and secret, private key, passphrase; the Dashlane device keys;
/// the Splunk HEC token; an http sink's secret headers) is echoed back by the simulators and test receivers in every
/// error path they have: 4xx and 5xx bodies (JSON and plain text, with terminal control codes), 429, redirects (the
/// echo in the Location), and TLS failures. Then no 8-character piece of any secret, nor of any token a vendor issued,
/// may be found in stderr, the daemon's log, <c>status</c> (table and JSON), <c>/healthz</c>, <c>/metrics</c>, the
/// journal's bytes, state files or outputs; no redirect may have carried a request elsewhere.
/// </summary>
[Collection(InProcessDaemon.Name)]
public sealed class SecretsCanaryTests : IAsyncDisposable
{
    // Random-looking values: a word in a secret ("webhook-") would also be found in a component's name.
    private const string DropboxAccessToken = "Pq7Wm2Xk9Lr4Tz6Vb1Nc8Qy3Fd";
    private const string DropboxRefreshToken = "Hs3Jd5Kf7Lg9Qa2Ws4Ed6Rx8Cv";
    private const string DropboxAppKey = "Rf5Tg7Yh9UjMk2Np";
    private const string DropboxAppSecret = "Ik2Ol4Pm6NbVc8Xz";
    private const string BoxClientId = "Zx1Cv3Bn5MqWe7Rt9Yu";
    private const string BoxClientSecret = "Wd8Fe2Gr4Ht6Jy0Ku3Lo";
    private const string BoxEnterpriseId = "7302948815";
    private const string BoxJwtClientId = "Ty5Ui7Op9AsDf2Gh4Jk";
    private const string BoxJwtClientSecret = "Df1Gh3Jk5LzXc7Vb9Nm0";
    private const string BoxJwtEnterpriseId = "6150273849";
    private const string BoxJwtPassphrase = "Xc7Vb9Nm2QwEr4Ty6Ui";
    private const string HecToken = "0b6f3a9e-41d7-4c28-a5e3-9d2f7b1c6e84";
    private const string WebhookToken = "Lk8Jh6Gf4Ds2Aq1Zw3Xe";
    private const string WebhookApiKey = "Mn3Bv5Cx7ZaSd9Fg1Hj";

    // Issued tokens encode counters and times: pieces with fewer different characters ("AAAAAAAA") are not theirs alone.
    private const int IssuedTokenPieceVariety = 5;

    private static readonly DateTimeOffset Now = CliRunner.Now;
    private static readonly int[] ErrorStatuses = [400, 401, 403, 429, 500, 503];

    private readonly TempDirectory _inputs = TempDirectory.ForCaller();
    private readonly TempDirectory _work = TempDirectory.ForCaller();
    private readonly BoxJwtApp _jwtApp = BoxJwtApp.Create(publicKeyId: "canary-kid-1", passphrase: BoxJwtPassphrase);
    private readonly List<(string Where, string Text)> _outputs = [];
    private readonly List<string> _paths = [];

    // What reaches a terminal or a log reader (not the files, whose bytes may hold anything): never a raw ESC or BEL.
    private readonly List<string> _terminalTexts = [];
    private readonly List<IAsyncDisposable> _servers = [];
    private readonly HashSet<string> _issuedTokens = new(StringComparer.Ordinal);
    private LoopbackHttpCollector _elsewhere = null!;
    private LoopbackHttpCollector _untrustedTls = null!;
    private LoopbackCertificates _certificates = null!;
    private FakeDcli _dcli = null!;

    private Dictionary<string, string> Secrets => new(StringComparer.Ordinal)
    {
        ["Dropbox access token"] = DropboxAccessToken,
        ["Dropbox refresh token"] = DropboxRefreshToken,
        ["Dropbox app key"] = DropboxAppKey,
        ["Dropbox app secret"] = DropboxAppSecret,
        ["Box client id (CCG)"] = BoxClientId,
        ["Box client secret (CCG)"] = BoxClientSecret,
        ["Box enterprise id (CCG)"] = BoxEnterpriseId,
        ["Box JWT client id"] = BoxJwtClientId,
        ["Box JWT client secret"] = BoxJwtClientSecret,
        ["Box JWT enterprise id"] = BoxJwtEnterpriseId,
        ["Box JWT private key"] = _jwtApp.EncryptedPrivateKeyPem,
        ["Box JWT passphrase"] = BoxJwtPassphrase,
        ["Dashlane device keys"] = _dcli.Keys,
        ["Splunk HEC token"] = HecToken,
        ["http sink secret header Authorization"] = "Bearer " + WebhookToken,
        ["http sink secret header token"] = WebhookToken,
        ["http sink secret header X-Api-Key"] = WebhookApiKey,
    };

    private Dictionary<string, string> Environment => new(StringComparer.Ordinal)
    {
        ["DROPBOX_ACCESS_TOKEN"] = DropboxAccessToken,
        ["DROPBOX_REFRESH_TOKEN"] = DropboxRefreshToken,
        ["DROPBOX_APP_KEY"] = DropboxAppKey,
        ["DROPBOX_APP_SECRET"] = DropboxAppSecret,
        ["BOX_CLIENT_ID"] = BoxClientId,
        ["BOX_CLIENT_SECRET"] = BoxClientSecret,
        ["BOX_ENTERPRISE_ID"] = BoxEnterpriseId,
        ["BOX_JWT_PASSPHRASE"] = BoxJwtPassphrase,
        ["DASHLANE_KEYS"] = _dcli.Keys,
        ["HEC_TOKEN"] = HecToken,
        ["WEBHOOK_AUTH"] = "Bearer " + WebhookToken,
        ["WEBHOOK_KEY"] = WebhookApiKey,
    };

    [Fact]
    public async Task Canary_EverySecretEchoedInEveryErrorPath_LeavesNoPieceInStderrLogStatusHealthMetricsJournalStateOrOutputs()
    {
        await StartReceiversAsync();

        await PullDropboxAsync();
        await PullBoxAsync();
        await PullDashlaneAsync();
        await RunDaemonAsync();
        ReadEveryFileWritten();

        var secrets = Secrets;
        var issued = _issuedTokens.Select((token, i) => (token, i)).ToDictionary(p => $"access token issued by a simulator #{p.i + 1}", p => p.token);
        var leaks = _outputs.SelectMany(o => SecretLeaks.Find(secrets, o.Text, o.Where).Concat(SecretLeaks.Find(issued, o.Text, o.Where, IssuedTokenPieceVariety))).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"secrets canary: {secrets.Count} configured secrets and {issued.Count} issued tokens, {_paths.Count} error paths, {_outputs.Count} outputs checked for any 8-character piece");
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
        Assert.True(_issuedTokens.Count >= 2, "the simulators issued access tokens that the canary checks too");
        Assert.True(_paths.Count >= 70, $"only {_paths.Count} error paths were exercised");
        Assert.Empty(_elsewhere.Requests);
        Assert.Empty(_untrustedTls.Requests);
        Assert.DoesNotContain(_terminalTexts, text => text.Contains('\u001b', StringComparison.Ordinal) || text.Contains('\u0007', StringComparison.Ordinal));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        _certificates?.Dispose();
        _inputs.Dispose();
        _work.Dispose();
    }

    private async Task StartReceiversAsync()
    {
        _certificates = LoopbackCertificates.Create();
        _elsewhere = await Track(LoopbackHttpCollector.StartAsync(null, TestContext.Current.CancellationToken));
        _untrustedTls = await Track(LoopbackHttpCollector.StartAsync(_certificates.Server, TestContext.Current.CancellationToken));
        _dcli = FakeDcli.Create(_inputs, new FakeDcliConfig { EchoKeys = true });
    }

    private async Task PullDropboxAsync()
    {
        var simulator = await Track(DropboxSimulator.StartAsync(DropboxOptions(seed: 1), new FakeTimeProvider(Now), TestContext.Current.CancellationToken));
        var refresh = Only("DROPBOX_REFRESH_TOKEN", "DROPBOX_APP_KEY", "DROPBOX_APP_SECRET");
        var access = Only("DROPBOX_ACCESS_TOKEN");
        string[] Args(string apiUrl) => ["pull", "dropbox", "--api-url", apiUrl, "--start-time", "2024-01-01"];

        foreach (var status in ErrorStatuses)
        {
            foreach (var plainText in new[] { false, true })
            {
                var shape = plainText ? "text" : "JSON";
                simulator.Faults.Enqueue(DropboxFault.EchoCredentials(status, plainText) with { Route = DropboxRoute.Token, Times = 50 });
                await PullAsync($"dropbox token endpoint echoes the refresh form, HTTP {status} {shape}", Args(simulator.BaseUrl.ToString()), refresh);
                simulator.Faults.Clear();

                simulator.Faults.Enqueue(DropboxFault.EchoCredentials(status, plainText) with { Route = DropboxRoute.GetEvents, Times = 50 });
                await PullAsync($"dropbox get_events echoes the access token, HTTP {status} {shape}", Args(simulator.BaseUrl.ToString()), access);
                simulator.Faults.Clear();
            }

            simulator.Faults.Enqueue(DropboxFault.EchoCredentials(status) with { Route = DropboxRoute.GetEvents, Times = 50 });
            await PullAsync($"dropbox get_events echoes an issued token, HTTP {status}", Args(simulator.BaseUrl.ToString()), refresh);
            simulator.Faults.Clear();
        }

        foreach (var status in new[] { 302, 307, 308 })
        {
            simulator.Faults.Enqueue(DropboxFault.Redirect(status, _elsewhere.BaseUrl) with { Route = DropboxRoute.Token });
            await PullAsync($"dropbox token endpoint redirects elsewhere, HTTP {status}", Args(simulator.BaseUrl.ToString()), refresh);
            simulator.Faults.Enqueue(DropboxFault.Redirect(status, _elsewhere.BaseUrl) with { Route = DropboxRoute.GetEvents });
            await PullAsync($"dropbox get_events redirects elsewhere, HTTP {status}", Args(simulator.BaseUrl.ToString()), access);
            simulator.Faults.Clear();
        }

        await PullAsync("dropbox API behind an untrusted TLS certificate", Args(_untrustedTls.BaseUrl.ToString()), access);
        await PullAsync("dropbox token endpoint behind an untrusted TLS certificate", [.. Args(simulator.BaseUrl.ToString()), "--oauth-url", _untrustedTls.BaseUrl.ToString()], refresh);
        CollectIssuedTokens(simulator.Requests.Select(r => r.Authorization));
    }

    private async Task PullBoxAsync()
    {
        var ccg = await Track(BoxSimulator.StartAsync(BoxOptions(BoxClientId, BoxClientSecret, BoxEnterpriseId), new FakeTimeProvider(Now), TestContext.Current.CancellationToken));
        var jwt = await Track(BoxSimulator.StartAsync(BoxOptions(BoxJwtClientId, BoxJwtClientSecret, BoxJwtEnterpriseId), new FakeTimeProvider(Now), TestContext.Current.CancellationToken));
        var config = WriteJwtConfig();
        var clientCredentials = Only("BOX_CLIENT_ID", "BOX_CLIENT_SECRET", "BOX_ENTERPRISE_ID");
        var passphrase = Only("BOX_JWT_PASSPHRASE");
        string[] Args(string apiUrl) => ["pull", "box", "--api-url", apiUrl, "--start-time", "2024-01-01"];

        foreach (var status in ErrorStatuses)
        {
            foreach (var plainText in new[] { false, true })
            {
                var shape = plainText ? "text" : "JSON";
                ccg.Faults.Enqueue(BoxFault.EchoCredentials(status, plainText) with { Route = BoxRoute.Token, Times = 50 });
                await PullAsync($"box token endpoint echoes the client credentials form, HTTP {status} {shape}", Args(ccg.BaseUrl.ToString()), clientCredentials);
                ccg.Faults.Clear();

                ccg.Faults.Enqueue(BoxFault.EchoCredentials(status, plainText) with { Route = BoxRoute.Events, Times = 50 });
                await PullAsync($"box events echo the issued token, HTTP {status} {shape}", Args(ccg.BaseUrl.ToString()), clientCredentials);
                ccg.Faults.Clear();
            }

            jwt.Faults.Enqueue(BoxFault.EchoCredentials(status) with { Route = BoxRoute.Token, Times = 50 });
            await PullAsync($"box token endpoint echoes the JWT grant, HTTP {status}", [.. Args(jwt.BaseUrl.ToString()), "--box-config", config], passphrase);
            jwt.Faults.Clear();
        }

        foreach (var status in new[] { 302, 307 })
        {
            ccg.Faults.Enqueue(BoxFault.Redirect(status, _elsewhere.BaseUrl) with { Route = BoxRoute.Token });
            await PullAsync($"box token endpoint redirects elsewhere, HTTP {status}", Args(ccg.BaseUrl.ToString()), clientCredentials);
            ccg.Faults.Enqueue(BoxFault.Redirect(status, _elsewhere.BaseUrl) with { Route = BoxRoute.Events });
            await PullAsync($"box events redirect elsewhere, HTTP {status}", Args(ccg.BaseUrl.ToString()), clientCredentials);
            ccg.Faults.Clear();
        }

        await PullAsync("box API behind an untrusted TLS certificate", [.. Args(_untrustedTls.BaseUrl.ToString()), "--box-config", config], passphrase);
        CollectIssuedTokens(ccg.Requests.Concat(jwt.Requests).Select(r => r.Authorization));
    }

    private async Task PullDashlaneAsync()
    {
        foreach (var failure in new[] { "server_rejected_keys", "query_failed", "network", "maintenance" })
        {
            _dcli.Reconfigure(c => c with { Failure = failure });
            var environment = new Dictionary<string, string>(_dcli.Environment, StringComparer.Ordinal);
            await PullAsync($"dcli echoes the device keys with failure {failure}", ["pull", "dashlane", "--dcli", _dcli.ExecutablePath, "--start-time", "2024-05-01T00:00:00Z", "--end-time", "2024-05-02T00:00:00Z"], environment, http: false);
        }

        _dcli.Reconfigure(c => c with { Failure = "query_failed" });
    }

    private async Task RunDaemonAsync()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero));
        var failing = await Track(DropboxSimulator.StartAsync(DropboxOptions(seed: 2), time, TestContext.Current.CancellationToken));
        var redirecting = await Track(DropboxSimulator.StartAsync(DropboxOptions(seed: 3), time, TestContext.Current.CancellationToken));
        var healthy = await Track(DropboxSimulator.StartAsync(DropboxOptions(seed: 4, events: 40), time, TestContext.Current.CancellationToken));
        var ccg = await Track(BoxSimulator.StartAsync(BoxOptions(BoxClientId, BoxClientSecret, BoxEnterpriseId), time, TestContext.Current.CancellationToken));
        var jwt = await Track(BoxSimulator.StartAsync(BoxOptions(BoxJwtClientId, BoxJwtClientSecret, BoxJwtEnterpriseId), time, TestContext.Current.CancellationToken));
        var hec = await Track(LoopbackHttpCollector.StartAsync(null, TestContext.Current.CancellationToken));
        var webhook = await Track(LoopbackHttpCollector.StartAsync(null, TestContext.Current.CancellationToken));

        Fault(failing.Faults.Enqueue, DropboxFault.EchoCredentials(500) with { Route = DropboxRoute.Token, Times = 2 }, "daemon: dropbox token endpoint echoes, HTTP 500 (retried)");
        Fault(failing.Faults.Enqueue, DropboxFault.EchoCredentials(429) with { Route = DropboxRoute.Token }, "daemon: dropbox token endpoint echoes, HTTP 429");
        Fault(failing.Faults.Enqueue, DropboxFault.EchoCredentials(503, plainText: true) with { Route = DropboxRoute.GetEvents, Times = 6 }, "daemon: dropbox get_events echoes, HTTP 503 until the poll fails");
        Fault(failing.Faults.Enqueue, DropboxFault.EchoCredentials(403) with { Route = DropboxRoute.GetEvents }, "daemon: dropbox get_events echoes, HTTP 403 (the source stops)");
        Fault(redirecting.Faults.Enqueue, DropboxFault.Redirect(307, _elsewhere.BaseUrl) with { Route = DropboxRoute.Token }, "daemon: dropbox token endpoint redirects elsewhere");
        Fault(ccg.Faults.Enqueue, BoxFault.EchoCredentials(503) with { Route = BoxRoute.Token, Times = 6 }, "daemon: box token endpoint echoes, HTTP 503 until the poll fails");
        Fault(ccg.Faults.Enqueue, BoxFault.EchoCredentials(429, plainText: true) with { Route = BoxRoute.Token }, "daemon: box token endpoint echoes, HTTP 429");
        Fault(ccg.Faults.Enqueue, BoxFault.EchoCredentials(401) with { Route = BoxRoute.Events, Times = 10 }, "daemon: box events echo the issued token, HTTP 401 (the source stops)");
        Fault(jwt.Faults.Enqueue, BoxFault.EchoCredentials(401, plainText: true) with { Route = BoxRoute.Token }, "daemon: box token endpoint echoes the JWT grant, HTTP 401");
        Fault<CollectorResponse[]>(hec.Enqueue, [CollectorResponse.Echo(503), CollectorResponse.Echo(429), CollectorResponse.Echo(500), CollectorResponse.Echo(401)], "daemon: Splunk HEC echoes the token, HTTP 503, 429, 500, 401");
        Fault<CollectorResponse[]>(webhook.Enqueue, [CollectorResponse.Echo(503), CollectorResponse.Echo(429), CollectorResponse.EchoRedirect(307, _elsewhere.BaseUrl)], "daemon: webhook echoes the secret headers, HTTP 503, 429, then redirects elsewhere");
        _paths.Add("daemon: dropbox API behind an untrusted TLS certificate");
        _paths.Add("daemon: webhook behind an untrusted TLS certificate");
        _paths.Add("daemon: dcli echoes the device keys");

        var environment = Environment;
        await using var daemon = DaemonHarness.Create(_work, DaemonConfig(failing, redirecting, healthy, ccg, jwt, hec, webhook), environment);
        daemon.Start();
        await daemon.Observer.WaitAsync(
            o => o.Position("archive") >= 40
                && new[] { "dbx", "dbx-redirect", "box-ccg", "box-jwt", "hec", "webhook", "webhook-tls" }.All(c => o.Failures.Any(f => f.Component == c && f.Permanent))
                && new[] { "dbx-tls", "dashlane" }.All(c => o.Failures.Any(f => f.Component == c)),
            "every component went through its error paths",
            TimeSpan.FromSeconds(120));

        foreach (var json in new[] { false, true })
        {
            var status = await CliRunner.RunAsync(json ? ["status", "--config", daemon.ConfigPath, "--json"] : ["status", "--config", daemon.ConfigPath], environment, _work.Path);
            Assert.True(status.ExitCode == 0, status.ToString());
            _outputs.Add(($"status{(json ? " --json" : string.Empty)}", status.Stdout + status.Stderr));
            _terminalTexts.Add(status.Stdout + status.Stderr);
        }

        using (var http = new HttpClient { BaseAddress = new Uri($"http://{daemon.MetricsAddress}/") })
        {
            var health = await http.GetAsync("healthz", TestContext.Current.CancellationToken);
            var healthText = await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Contains("stopped", healthText, StringComparison.OrdinalIgnoreCase);
            _outputs.Add(("/healthz", healthText));
            _terminalTexts.Add(healthText);
            _outputs.Add(("/metrics", await http.GetStringAsync("metrics", TestContext.Current.CancellationToken)));
        }

        await daemon.StopAsync();
        _outputs.Add(("the daemon's log", daemon.Log));
        _terminalTexts.Add(daemon.Log);
        Assert.Contains("***", daemon.Log, StringComparison.Ordinal);
        CollectIssuedTokens(new[] { failing, redirecting, healthy }.SelectMany(s => s.Requests).Concat(ccg.Requests).Concat(jwt.Requests).Select(r => r.Authorization));
    }

    private string DaemonConfig(DropboxSimulator failing, DropboxSimulator redirecting, DropboxSimulator healthy, BoxSimulator ccg, BoxSimulator jwt, LoopbackHttpCollector hec, LoopbackHttpCollector webhook) => $$"""
        listen: 127.0.0.1:0
        log:
          level: debug
        sources:
          - name: dbx
            type: dropbox
            api_url: {{failing.BaseUrl}}
            start: 1500d
            interval: 10s
            credentials: {refresh_token: '${DROPBOX_REFRESH_TOKEN}', app_key: '${DROPBOX_APP_KEY}', app_secret: '${DROPBOX_APP_SECRET}'}
          - name: dbx-redirect
            type: dropbox
            api_url: {{redirecting.BaseUrl}}
            credentials: {refresh_token: '${DROPBOX_REFRESH_TOKEN}', app_key: '${DROPBOX_APP_KEY}', app_secret: '${DROPBOX_APP_SECRET}'}
          - name: dbx-healthy
            type: dropbox
            api_url: {{healthy.BaseUrl}}
            start: 1500d
            credentials: {access_token: '${DROPBOX_ACCESS_TOKEN}'}
          - name: dbx-tls
            type: dropbox
            api_url: {{_untrustedTls.BaseUrl}}
            interval: 10s
            retries: 1
            credentials: {access_token: '${DROPBOX_ACCESS_TOKEN}'}
          - name: box-ccg
            type: box
            api_url: {{ccg.BaseUrl}}
            interval: 10s
            credentials: {client_id: '${BOX_CLIENT_ID}', client_secret: '${BOX_CLIENT_SECRET}', enterprise_id: '${BOX_ENTERPRISE_ID}'}
          - name: box-jwt
            type: box
            api_url: {{jwt.BaseUrl}}
            credentials: {jwt_config_file: '{{WriteJwtConfig()}}', jwt_passphrase: '${BOX_JWT_PASSPHRASE}'}
          - name: dashlane
            type: dashlane
            dcli: {{DcliWrapper()}}
            interval: 10s
            credentials: {device_keys: '${DASHLANE_KEYS}'}
        sinks:
          - name: archive
            type: file
            path: archive.jsonl
          - name: hec
            type: http
            mode: splunk_hec
            endpoint: {{hec.BaseUrl}}
            token: '${HEC_TOKEN}'
          - name: webhook
            type: http
            endpoint: {{webhook.BaseUrl}}ingest
            secret_headers: {Authorization: '${WEBHOOK_AUTH}', X-Api-Key: '${WEBHOOK_KEY}'}
          - name: webhook-tls
            type: http
            endpoint: {{_untrustedTls.BaseUrl}}ingest
            secret_headers: {Authorization: '${WEBHOOK_AUTH}'}
        """;

    // Every file the product wrote: outputs, state files, the journal (its bytes, with the WAL), the file sink's output.
    private void ReadEveryFileWritten()
    {
        foreach (var file in Directory.EnumerateFiles(_work.Path, "*", SearchOption.AllDirectories))
        {
            var name = Path.GetRelativePath(_work.Path, file);
            var bytes = File.ReadAllBytes(file);
            _outputs.Add((name, System.Text.Encoding.UTF8.GetString(bytes)));
            _outputs.Add((name + " (bytes)", System.Text.Encoding.Latin1.GetString(bytes)));
        }

        Assert.Contains(_outputs, o => o.Where == "auditbridge.db");
        Assert.Contains(_outputs, o => o.Where.StartsWith("state-", StringComparison.Ordinal));
    }

    private async Task PullAsync(string path, string[] args, IReadOnlyDictionary<string, string> environment, bool http = true)
    {
        var number = _paths.Count + 1;
        string[] common = ["--state", $"state-{number}.json", "--format", "json", "--output", $"out-{number}.jsonl", "--verbose"];
        var run = await CliRunner.RunAsync([.. args, .. common, .. http ? new[] { "--retries", "1", "--max-wait", "3s" } : []], environment, _work.Path);
        Assert.True(run.ExitCode != ExitCodes.Success, $"{path}: the pull should have failed\n{run}");
        Assert.True(run.ExitCode != ExitCodes.InternalError, $"{path}: an unexpected exception\n{run}");
        _outputs.Add(($"pull: {path} (stderr)", run.Stderr));
        _terminalTexts.Add(run.Stderr);
        _outputs.Add(($"pull: {path} (stdout)", run.Stdout));
        _paths.Add("pull: " + path);
    }

    private void Fault<T>(Action<T> enqueue, T fault, string path)
    {
        enqueue(fault);
        _paths.Add(path);
    }

    private void CollectIssuedTokens(IEnumerable<string?> authorizations)
    {
        foreach (var authorization in authorizations)
        {
            if (authorization is { } header && header.StartsWith("Bearer ", StringComparison.Ordinal) && header["Bearer ".Length..] is var token
                && token != DropboxAccessToken)
            {
                _issuedTokens.Add(token);
            }
        }
    }

    private string WriteJwtConfig()
    {
        var path = _inputs.Combine("box-config.json");
        File.WriteAllText(path, _jwtApp.ConfigJson(BoxJwtClientId, BoxJwtClientSecret, BoxJwtEnterpriseId, includePassphrase: false));
        return path;
    }

    // The daemon gives dcli its device keys; the fake also needs to find its configuration.
    private string DcliWrapper()
    {
        var path = _inputs.Combine("dcli-wrapper");
        File.WriteAllText(path, $"#!/bin/sh\nexport {FakeDcliConfig.EnvironmentVariable}='{_dcli.Environment[FakeDcliConfig.EnvironmentVariable]}'\nexec '{_dcli.ExecutablePath}' \"$@\"\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private Dictionary<string, string> Only(params string[] names) => names.ToDictionary(n => n, n => Environment[n], StringComparer.Ordinal);

    private async Task<T> Track<T>(Task<T> starting)
        where T : IAsyncDisposable
    {
        var server = await starting;
        _servers.Add(server);
        return server;
    }

    private static DropboxSimulatorOptions DropboxOptions(int seed, int events = 30) => new()
    {
        EventCount = events,
        Seed = seed,
        AccessToken = DropboxAccessToken,
        RefreshToken = DropboxRefreshToken,
        AppKey = DropboxAppKey,
        AppSecret = DropboxAppSecret,
    };

    private BoxSimulatorOptions BoxOptions(string clientId, string clientSecret, string enterpriseId) => new()
    {
        EventCount = 30,
        ClientId = clientId,
        ClientSecret = clientSecret,
        EnterpriseId = enterpriseId,
        JwtPublicKey = _jwtApp.PublicKeyPem,
        JwtPublicKeyId = _jwtApp.PublicKeyId,
    };
}
