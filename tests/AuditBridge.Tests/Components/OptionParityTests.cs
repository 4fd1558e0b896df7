using AuditBridge.Components;
using AuditBridge.Configuration;
using AuditBridge.Shell;
using AuditBridge.TestKit;
using AuditBridge.Tests.Cli;

namespace AuditBridge.Tests.Components;

/// <summary>
/// Every option of every sink and format definition fails with the same words in the configuration and on the command
/// line (docs/configuration.md, "One definition, two front ends"): only where the error points differs.
/// </summary>
public sealed class OptionParityTests
{
    // Long enough to be a reference, too short to be a credential: Secret.Check refuses it the same way on both.
    private const string ShortSecret = "abc";

    public static TheoryData<string, string> EveryOptionThatCanBeWrong()
    {
        var data = new TheoryData<string, string>();
        foreach (var sink in ComponentRegistry.Sinks)
        {
            foreach (var option in sink.Options.Where(o => o.NotOnCommandLine is null && o != sink.Target && InvalidValue(o) is not null))
            {
                data.Add(sink.Type, option.Key);
            }
        }

        foreach (var option in FormatSelection.Options.Where(o => InvalidValue(o) is not null))
        {
            data.Add("file", option.Key);
        }

        return data;
    }

    [Fact]
    public void TheParityCases_CoverEveryOptionExceptSwitchesTextsAndPaths()
    {
        // A switch has no wrong value on the command line (--gzip maybe leaves 'maybe' as an argument); free text and
        // paths are judged by the sink as a whole, whose messages name the option as each front end does.
        var covered = EveryOptionThatCanBeWrong().Select(row => row.Data.Item2).ToHashSet(StringComparer.Ordinal);
        var all = ComponentRegistry.Sinks.SelectMany(s => s.Options.Where(o => o != s.Target && o.NotOnCommandLine is null)).Concat(FormatSelection.Options);

        var left = all.Where(o => !covered.Contains(o.Key)).Select(o => o.Kind).Distinct().Order();

        Assert.Equal([OptionKind.Text, OptionKind.Bool, OptionKind.Path, OptionKind.Map], left);
    }

    [Theory]
    [MemberData(nameof(EveryOptionThatCanBeWrong))]
    public async Task AnInvalidValue_FailsWithTheSameMessageInYamlAndOnTheCommandLine(string type, string key)
    {
        var sink = ComponentRegistry.Sink(type);
        var option = sink.Options.Concat(FormatSelection.Options).Single(o => o.Key == key);
        var (yamlValue, cliValue) = InvalidValue(option)!.Value;
        var format = ComponentRegistry.Formats.FirstOrDefault(f => f.Options.Contains(option))?.Name ?? (key == "format" ? null : sink.DefaultFormat);
        using var directory = TempDirectory.ForCaller();
        var environment = new Dictionary<string, string> { ["DBX"] = "sim-access-token", ["SHORT"] = ShortSecret };

        var yaml = YamlMessage(directory, sink, option, yamlValue, format, environment);
        var cli = await CommandLineMessageAsync(directory, sink, option, cliValue, format, environment);

        Assert.Equal(yaml, cli);
    }

    [Fact]
    public async Task ASecretWrittenAsItself_IsRefusedOnTheCommandLineWithoutEchoingIt()
    {
        var run = await CliRunner.RunAsync(
            ["convert", "--vendor", "dropbox", "--quiet", "--http", "https://hec.example.com", "--http-mode", "splunk_hec", "--http-token", "hec-literal-4f9a"],
            standardInput: []);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--http-token: secrets are never taken from the command line as themselves", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("hec-literal-4f9a", run.Stderr, StringComparison.Ordinal);
    }

    private static (string Yaml, string Cli)? InvalidValue(OptionSpec option) => option.Kind switch
    {
        OptionKind.Int => ("many", "many"),
        OptionKind.Duration => ("soon", "soon"),
        OptionKind.Size => ("huge", "huge"),
        OptionKind.Choice => ("nope", "nope"),
        OptionKind.Secret => ("${SHORT}", "env:SHORT"),
        OptionKind.SecretMap => ("{X-Api-Key: '${SHORT}'}", "X-Api-Key=env:SHORT"),
        _ when option == LeefFormatDefinition.Delimiter => ("'='", "="),
        _ when option == SyslogSinkDefinition.Facility => ("nowhere", "nowhere"),
        _ => null,
    };

    private static string Target(SinkDefinition sink) => sink.Type switch
    {
        "syslog" => "udp://127.0.0.1:514",
        "http" => "http://127.0.0.1:9/",
        _ => "out.log",
    };

    private static string YamlMessage(TempDirectory directory, SinkDefinition sink, OptionSpec option, string value, string? format, Dictionary<string, string> environment)
    {
        var path = directory.Combine("auditbridge.yaml");
        File.WriteAllText(path, $"sources:\n  - type: dropbox\n    credentials: {{access_token: '${{DBX}}'}}\nsinks:\n  - type: {sink.Type}\n    {sink.Target!.Key}: {Target(sink)}\n"
            + (format is null ? string.Empty : $"    format: {format}\n")
            + $"    {option.Key}: {value}\n");

        var failure = Assert.Throws<ConfigurationException>(() => DaemonConfigLoader.Load(path, "auditbridge.yaml", environment));

        var error = Assert.Single(failure.Errors, e => e.Path.StartsWith("sinks[0]." + option.Key, StringComparison.Ordinal));
        return error.Message;
    }

    private static async Task<string> CommandLineMessageAsync(TempDirectory directory, SinkDefinition sink, OptionSpec option, string value, string? format, Dictionary<string, string> environment)
    {
        var run = await CliRunner.RunAsync(
            ["convert", "--vendor", "dropbox", "--quiet", sink.Target!.Flag, Target(sink), .. format is null ? Array.Empty<string>() : ["--format", format], option.Flag, value],
            environment,
            directory.Path,
            standardInput: []);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        var line = Assert.Single(run.Stderr.Split('\n'), l => l.StartsWith("error: " + option.Flag, StringComparison.Ordinal));
        return line[(line.IndexOf(": ", "error: ".Length, StringComparison.Ordinal) + 2)..].TrimEnd('\r');
    }
}
