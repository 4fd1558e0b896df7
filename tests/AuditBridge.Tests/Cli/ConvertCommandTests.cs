using System.Text;
using System.Text.Json;
using AuditBridge.Cli;
using AuditBridge.Simulators.Dropbox;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Time;

namespace AuditBridge.Tests.Cli;

public sealed class ConvertCommandTests
{
    [Fact]
    public async Task Convert_OfWhatAPullExported_GivesTheSameEventsWithTheSameIds()
    {
        await using var simulator = await DropboxSimulator.StartAsync(new DropboxSimulatorOptions { EventCount = 500, Seed = 9 }, new FakeTimeProvider(CliRunner.Now), TestContext.Current.CancellationToken);
        var pulled = await CliRunner.RunAsync(["pull", "dropbox", "--api-url", simulator.BaseUrl.ToString(), "--format", "json", "--quiet"], new Dictionary<string, string> { ["DROPBOX_ACCESS_TOKEN"] = "sim-access-token" });
        var rawLines = string.Join('\n', pulled.StdoutLines.Select(line => JsonDocument.Parse(line).RootElement.GetProperty("raw").GetRawText()));

        var converted = await CliRunner.RunAsync(["convert", "--vendor", "dropbox", "--format", "json", "--quiet"], standardInput: Encoding.UTF8.GetBytes(rawLines));

        Assert.Equal(ExitCodes.Success, converted.ExitCode);
        Assert.Equal(pulled.Stdout, converted.Stdout);
    }

    [Theory]
    [InlineData("page")]
    [InlineData("array")]
    [InlineData("lines")]
    public async Task Convert_ReadsPagesArraysAndLinesFromAFile(string shape)
    {
        using var directory = TempDirectory.ForCaller();
        File.WriteAllBytes(directory.Combine("export.json"), Export(shape, 25));

        var run = await CliRunner.RunAsync(["convert", "--vendor", "dropbox", "export.json", "--output", "out.cef"], workingDirectory: directory.Path);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(25, File.ReadAllLines(directory.Combine("out.cef")).Length);
        Assert.DoesNotContain("Event cursor", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Convert_WhenALineIsInvalid_ExitsElevenNamingTheLine_AndWithSkipInvalidCountsIt()
    {
        var lines = Encoding.UTF8.GetString(Export("lines", 3)).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        lines.Insert(1, "{\"timestamp\": \"yesterday\"}");
        var input = Encoding.UTF8.GetBytes(string.Join('\n', lines));

        var stopped = await CliRunner.RunAsync(["convert", "--vendor", "dropbox", "--quiet"], standardInput: input);
        var skipped = await CliRunner.RunAsync(["convert", "--vendor", "dropbox", "--skip-invalid"], standardInput: input);

        Assert.Equal(ExitCodes.InvalidInput, stopped.ExitCode);
        Assert.Contains("stdin:2: not a dropbox event: it has no valid 'timestamp' (byte offset", stopped.Stderr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, skipped.ExitCode);
        Assert.Equal(3, skipped.StdoutLines.Length);
        Assert.Contains("skipped 1 invalid events; the first: stdin:2:", skipped.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "convert", "--vendor", "slack" }, ExitCodes.Usage, "--vendor must be one of dropbox")]
    [InlineData(new[] { "convert", "--vendor", "dropbox", "no-such-file.json" }, ExitCodes.InvalidInput, "no-such-file.json: cannot open it")]
    [InlineData(new[] { "convert", "dropbox.json" }, ExitCodes.Usage, "--vendor")]
    public async Task Convert_WithBadArguments_ExitsWithAMessage(string[] args, int exitCode, string expected)
    {
        using var directory = TempDirectory.ForCaller();

        var run = await CliRunner.RunAsync(args, workingDirectory: directory.Path);

        Assert.Equal(exitCode, run.ExitCode);
        Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
    }

    private static byte[] Export(string shape, int count)
    {
        var generator = new DropboxEventGenerator(new DropboxSimulatorOptions { EventCount = count, Seed = 2 });
        var events = Enumerable.Range(0, count).Select(i => Encoding.UTF8.GetString(generator.GetEventJson(i).Span)).ToList();
        var text = shape switch
        {
            "page" => $$"""{"events":[{{string.Join(',', events)}}],"cursor":"c","has_more":false}""",
            "array" => "[" + string.Join(",\n", events) + "]",
            _ => string.Join('\n', events) + "\n",
        };
        return Encoding.UTF8.GetBytes(text);
    }
}
