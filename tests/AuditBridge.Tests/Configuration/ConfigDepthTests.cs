using AuditBridge.Configuration;
using AuditBridge.Shell;
using AuditBridge.TestKit;

namespace AuditBridge.Tests.Configuration;

/// <summary>
/// A configuration nested absurdly deep is refused with file:line:column. It once overflowed the stack inside
/// YamlDotNet (exit 134), which no test host survives, so the 100,000-deep files run in a real auditbridge process.
/// </summary>
public sealed class ConfigDepthTests
{
    private const int Deep = 100_000;

    private static readonly Dictionary<string, string> Environment = new() { ["DBX_TOKEN"] = "sim-access-token" };

    [Theory]
    [InlineData("flow-sequences", "deep.yaml:1:110: ")]
    [InlineData("flow-mappings", "deep.yaml:1:410: ")]
    [InlineData("block-sequences", "deep.yaml:2:201: ")]
    public async Task Check_WhenTheFileIsNested100000Deep_ExitsWithAConfigurationErrorThatSaysWhere(string shape, string where)
    {
        using var directory = TempDirectory.ForCaller(shape);
        await File.WriteAllTextAsync(directory.Combine("deep.yaml"), DeepYaml(shape), TestContext.Current.CancellationToken);

        using var process = AuditBridgeProcess.Start(directory.Path, Environment, "check", "--config", "deep.yaml");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
        await process.WaitForExitAsync(deadline.Token);

        Assert.True(process.ExitCode == ExitCodes.InvalidInput, $"exit {process.ExitCode} (134 is a stack overflow)\n{Head(await stderr)}");
        Assert.Contains(where + YamlDepthGuard.TooDeepMessage, await stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("flow", 1, 109)]
    [InlineData("block", 2, 201)]
    public void Load_AtTheDepthLimit_ReadsTheFile_AndOneLevelMoreIsRefusedWhereItStarts(string style, int line, int column)
    {
        using var directory = TempDirectory.ForCaller(style);
        var limit = Write(directory, Nested(style, YamlDepthGuard.MaxDepth));
        var over = Write(directory, Nested(style, YamlDepthGuard.MaxDepth + 1), "over.yaml");

        var atLimit = Assert.Throws<ConfigurationException>(() => DaemonConfigLoader.Load(limit, "auditbridge.yaml", Environment));
        var failure = Assert.Throws<ConfigurationException>(() => DaemonConfigLoader.Load(over, "over.yaml", Environment));

        // At the limit the file is read: what is wrong is the shape of sources:, not the depth.
        Assert.DoesNotContain(atLimit.Errors, e => e.Message == YamlDepthGuard.TooDeepMessage);
        Assert.Equal(new ConfigurationError("over.yaml", line, column, string.Empty, YamlDepthGuard.TooDeepMessage), Assert.Single(failure.Errors));
    }

    [Fact]
    public void Load_WhenBracketsAreInsideQuotesOrComments_DoesNotCountThem()
    {
        using var directory = TempDirectory.ForCaller();
        var brackets = new string('[', 500) + new string('{', 500);
        var path = Write(directory, $"""
            # {brackets}
            sources:
              - type: dropbox
                name: "{brackets} \" {brackets}"
                credentials: {"{"}access_token: '${"{"}DBX_TOKEN{"}"}'{"}"}
            sinks:
              - type: file
                path: 'a{brackets}''{brackets}.log' # {brackets}
                format: json
            """);

        var config = DaemonConfigLoader.Load(path, "auditbridge.yaml", Environment);

        Assert.Equal($"{brackets} \" {brackets}", Assert.Single(config.Sources).Name);
    }

    [Theory]
    [InlineData("[[[[", 4)]
    [InlineData("a: [b, {c: [d, {e: f}]}]", 0)]
    [InlineData("a: 'x [[[' # [[[\nb: \"y\\\" [[[\" [[", 2)]
    [InlineData("a: it's [[", 2)]
    [InlineData("a: 'it''s [[[' [", 1)]
    [InlineData("a: '[[[\n[[", 2)]
    [InlineData("a: ]]]]\n[", 1)]
    public void FindDeepFlow_CountsFlowBracketsOutsideQuotesAndComments(string text, int open)
    {
        var before = FindDeepFlowAfter(text, YamlDepthGuard.MaxDepth - open);
        var past = FindDeepFlowAfter(text, YamlDepthGuard.MaxDepth - open + 1);

        Assert.Null(before);
        Assert.Equal((text.Count(c => c == '\n') + 2, YamlDepthGuard.MaxDepth - open + 1), past);
    }

    // The text, then a line of brackets: the first bracket past the limit shows how many the text left open.
    private static (int Line, int Column)? FindDeepFlowAfter(string text, int brackets) =>
        YamlDepthGuard.FindDeepFlow(text + "\n" + new string('[', brackets));

    private static string DeepYaml(string shape) => shape switch
    {
        "flow-sequences" => "sources: " + new string('[', Deep) + new string(']', Deep) + "\n",
        "flow-mappings" => "sources: " + string.Concat(Enumerable.Repeat("{a: ", Deep)) + "1" + new string('}', Deep) + "\n",
        _ => "sources:\n  " + string.Concat(Enumerable.Repeat("- ", Deep)) + "x\n",
    };

    // The root mapping is level 1, then depth - 1 nested sequences.
    private static string Nested(string style, int depth) => style == "flow"
        ? "sources: " + new string('[', depth - 1) + new string(']', depth - 1) + "\n"
        : "sources:\n  " + string.Concat(Enumerable.Repeat("- ", depth - 1)) + "x\n";

    private static string Write(TempDirectory directory, string yaml, string name = "auditbridge.yaml")
    {
        var path = directory.Combine(name);
        File.WriteAllText(path, yaml);
        return path;
    }

    private static string Head(string text) => text.Length > 2000 ? text[..2000] + "…" : text;
}
