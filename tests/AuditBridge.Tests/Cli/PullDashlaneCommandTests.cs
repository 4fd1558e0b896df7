using System.Text.Json;
using AuditBridge.Shell;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Dashlane;

namespace AuditBridge.Tests.Cli;

/// <summary><c>pull dashlane</c> in-process, running a fake <c>dcli</c> as a real child process.</summary>
public sealed class PullDashlaneCommandTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _directory = TempDirectory.ForCaller();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Pull_RunsDcliForTheWindow_AndWritesEveryLogOfItOnce_WithoutPrintingTheKeys()
    {
        var fake = FakeDcli.Create(_directory);
        var end = Start.AddDays(1);

        var run = await CliRunner.RunAsync(
            ["pull", "dashlane", "--dcli", fake.ExecutablePath, "--start-time", Iso(Start), "--end-time", Iso(end), "--format", "json", "--quiet"],
            fake.Environment,
            _directory.Path);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var expected = fake.Between(Start, end).Select(e => "dashlane:" + e.Uuid).Order(StringComparer.Ordinal);
        Assert.Equal(expected, Ids(run).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(fake.Keys, run.Stdout + run.Stderr, StringComparison.Ordinal);
        Assert.All(fake.Invocations(), i => Assert.True(i.KeysMatch));
    }

    [Fact]
    public async Task Pull_WithState_TheNextRunReReadsTheOverlapButWritesOnlyNewLogs()
    {
        var fake = FakeDcli.Create(_directory);
        string[] Args(DateTimeOffset end) => ["pull", "dashlane", "--dcli", fake.ExecutablePath, "--start-time", Iso(Start), "--end-time", Iso(end), "--state", "state.json", "--format", "json", "--quiet"];

        var first = await CliRunner.RunAsync(Args(Start.AddHours(20)), fake.Environment, _directory.Path);
        var second = await CliRunner.RunAsync(Args(Start.AddHours(40)), fake.Environment, _directory.Path);

        Assert.Equal(ExitCodes.Success, first.ExitCode);
        Assert.Equal(ExitCodes.Success, second.ExitCode);
        Assert.Empty(Ids(first).Intersect(Ids(second)));
        Assert.Equal(
            fake.Between(Start, Start.AddHours(40)).Select(e => "dashlane:" + e.Uuid).Order(StringComparer.Ordinal),
            Ids(first).Concat(Ids(second)).Order(StringComparer.Ordinal));
        Assert.Equal(2, fake.Invocations().Count);
    }

    [Fact]
    public async Task Pull_OnAFirstRunWithoutAStart_ExitsTwoAskingForStartTime()
    {
        var fake = FakeDcli.Create(_directory);

        var run = await CliRunner.RunAsync(["pull", "dashlane", "--dcli", fake.ExecutablePath, "--state", "s.json"], fake.Environment, _directory.Path);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--start-time", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(fake.Invocations());
    }

    [Fact]
    public async Task Pull_WhenDcliRejectsTheKeys_FailsQuotingDcliWithTheKeysRedacted()
    {
        var fake = FakeDcli.Create(_directory, new AuditBridge.Fakes.Dcli.FakeDcliConfig { Failure = "server_rejected_keys" });

        var run = await CliRunner.RunAsync(
            ["pull", "dashlane", "--dcli", fake.ExecutablePath, "--start-time", Iso(Start), "--end-time", Iso(Start.AddDays(1))],
            fake.Environment,
            _directory.Path);

        Assert.NotEqual(ExitCodes.Success, run.ExitCode);
        Assert.Contains("invalid_authentication", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(fake.Keys, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_WhenTheDeviceKeysAreShorterThanEightCharacters_ExitsTwoWithoutRunningDcli()
    {
        var fake = FakeDcli.Create(_directory);
        var environment = new Dictionary<string, string>(fake.Environment) { ["DASHLANE_ENROLLED_TEAM_DEVICE_KEYS"] = "k3ys" };

        var run = await CliRunner.RunAsync(
            ["pull", "dashlane", "--dcli", fake.ExecutablePath, "--start-time", Iso(Start), "--end-time", Iso(Start.AddDays(1))],
            environment,
            _directory.Path);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("env DASHLANE_ENROLLED_TEAM_DEVICE_KEYS is 4 characters long", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("k3ys", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(fake.Invocations());
    }

    [Fact]
    public async Task Pull_WithAnInputFile_ReadsWhatDcliWrote_AndConvertGivesTheSameRecords()
    {
        var fake = FakeDcli.Create(_directory);
        var lines = fake.Between(Start, Start.AddDays(1)).Select(e => e.Line).ToList();
        File.WriteAllText(_directory.Combine("logs.jsonl"), string.Join('\n', lines) + "\n");

        var pulled = await CliRunner.RunAsync(["pull", "dashlane", "--input", "logs.jsonl", "--format", "cef", "--quiet"], new Dictionary<string, string>(), _directory.Path);
        var converted = await CliRunner.RunAsync(["convert", "--vendor", "dashlane", "logs.jsonl", "--format", "cef", "--quiet"], new Dictionary<string, string>(), _directory.Path);

        Assert.True(pulled.ExitCode == ExitCodes.Success, pulled.ToString());
        Assert.True(converted.ExitCode == ExitCodes.Success, converted.ToString());
        Assert.Equal(lines.Count, pulled.StdoutLines.Length);
        Assert.All(pulled.StdoutLines, l => Assert.StartsWith("CEF:0|Dashlane|Dashlane Audit Logs|1|", l, StringComparison.Ordinal));
        Assert.Equal(pulled.StdoutLines.Order(StringComparer.Ordinal), converted.StdoutLines.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Pull_FromDcliAsLeefWithATabDelimiter_WritesEveryLogOnceWithTheDashlaneHeader()
    {
        var fake = FakeDcli.Create(_directory);
        var end = Start.AddDays(1);

        var run = await CliRunner.RunAsync(
            ["pull", "dashlane", "--dcli", fake.ExecutablePath, "--start-time", Iso(Start), "--end-time", Iso(end), "--format", "leef", "--leef-delimiter", "x09", "--quiet"],
            fake.Environment,
            _directory.Path);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var records = run.StdoutLines.Select(LeefRecord.Parse).ToList();
        var expected = fake.Between(Start, end).ToDictionary(e => "dashlane:" + e.Uuid, e => e.LogType, StringComparer.Ordinal);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), records.Select(r => r.Attributes["externalId"]).Order(StringComparer.Ordinal));
        Assert.All(records, r => Assert.Equal(("Dashlane", "Dashlane Audit Logs", '\t'), (r.Vendor, r.Product, r.Delimiter)));
        Assert.All(records, r => Assert.Equal(expected[r.Attributes["externalId"]], r.EventId));
    }

    [Theory]
    [InlineData(new[] { "--keys", "x" }, "secrets are never taken from the command line")]
    [InlineData(new[] { "--follow" }, "Following needs an input file")]
    [InlineData(new[] { "--input", "-", "--follow" }, "Standard input cannot be followed")]
    [InlineData(new[] { "--overlap", "90d" }, "overlap must be between 0 and 30 days")]
    [InlineData(new[] { "--timeout", "0s" }, "--timeout must be at least 1s, got '0s'")]
    [InlineData(new[] { "--timeout", "0" }, "--timeout must be at least 1s, got '0'")]
    [InlineData(new[] { "--timeout", "-5s" }, "--timeout: '-5s' is not a duration")]
    public async Task Pull_WithInvalidOptions_ExitsTwo(string[] extra, string expected)
    {
        var run = await CliRunner.RunAsync(["pull", "dashlane", "--start-time", "1d", .. extra], new Dictionary<string, string>(), _directory.Path);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Ids(CliRun run) => run.StdoutLines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()!);

    private static string Iso(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
