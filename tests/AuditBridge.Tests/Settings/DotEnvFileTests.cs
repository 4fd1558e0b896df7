using AuditBridge.Settings;
using AuditBridge.Shell;

namespace AuditBridge.Tests.Settings;

public sealed class DotEnvFileTests
{
    [Fact]
    public void Parse_ReadsPlainQuotedAndExportedValues_AndSkipsComments()
    {
        var content = "# comment\nA=plain\nexport B=exported\nC='single # not comment'\nD=\"double\\nline \\\"q\\\" \\\\\"\nE=value # comment\r\n\nF=\n";

        var values = DotEnvFile.Parse(".env", content);

        Assert.Equal("plain", values["A"]);
        Assert.Equal("exported", values["B"]);
        Assert.Equal("single # not comment", values["C"]);
        Assert.Equal("double\nline \"q\" \\", values["D"]);
        Assert.Equal("value", values["E"]);
        Assert.Equal(string.Empty, values["F"]);
    }

    [Theory]
    [InlineData("just words", ".env:2: expected KEY=value")]
    [InlineData("BAD-KEY=1", ".env:2: expected KEY=value")]
    [InlineData("K=\"unterminated", ".env:2: the value opens a \" quote but does not close it")]
    public void Parse_WhenALineIsMalformed_NamesFileAndLineButNotTheValue(string line, string expected)
    {
        var failure = Assert.Throws<UsageException>(() => DotEnvFile.Parse(".env", "OK=1\n" + line));

        Assert.StartsWith(expected, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("unterminated", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_LetsTheProcessEnvironmentWinOverTheFile()
    {
        using var directory = AuditBridge.TestKit.TempDirectory.ForCaller();
        File.WriteAllText(directory.Combine(".env"), "TOKEN=from-file\nOTHER=file-only\n");

        var merged = DotEnvFile.Merge(new Dictionary<string, string> { ["TOKEN"] = "from-env" }, directory.Path);

        Assert.Equal("from-env", merged["TOKEN"]);
        Assert.Equal("file-only", merged["OTHER"]);
    }
}
