using AuditBridge.TestKit.Receivers;

namespace AuditBridge.Core.Tests.Formats.Cef;

/// <summary>The harness must be able to say no: these records are ones liblognorm rejects or reads differently.</summary>
public sealed class LognormalizerHarnessTests
{
    [Fact]
    public async Task ParseCefAsync_RecordsLiblognormRejects_AreReportedAsNotParsed()
    {
        string[] records =
        [
            "CEF:0|V|P|1|id|name|3|msg=a=b c",
            @"CEF:0|V|P|1|id|name|3|msg=a \| b",
            @"CEF:0|V|P|1|id|name|3|msg=tab\there",
            "CEF:0|V|P|1|id|name|3",
            "CEF:1|V|P|1|id|name|3|msg=x",
            "not cef at all",
        ];

        var results = await Lognormalizer.ParseCefAsync(records, TestContext.Current.CancellationToken);

        Assert.All(results, result => Assert.False(result.IsParsed, result.Record));
    }

    [Fact]
    public async Task ParseCefAsync_ValidRecords_AreUnescapedWithTheFirstKeyIntact()
    {
        string[] records = [@"CEF:0|Ven\|dor|P|1|id|na\\me|3|duser=alice msg=a\=b c\\d line1\nline2\rend"];

        var result = Assert.Single(await Lognormalizer.ParseCefAsync(records, TestContext.Current.CancellationToken));

        Assert.True(result.IsParsed, result.Json);
        Assert.Equal(("Ven|dor", @"na\me", "3"), (result.DeviceVendor, result.Name, result.Severity));
        Assert.Equal(["duser", "msg"], result.ExtensionKeys);
        Assert.Equal("alice", result.Extensions["duser"]);
        Assert.Equal("a=b c\\d line1\nline2\rend", result.Extensions["msg"]);
    }

    [Fact]
    public async Task ParseCefAsync_RecordWithRawLineBreak_IsRefused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Lognormalizer.ParseCefAsync(["CEF:0|V|P|1|id|n|3|msg=a\nb"], TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("CEF:0|V|P|1|id|n|3|a=b", "CEF:0|V|P|1|id|n|3| a=b")]
    [InlineData(@"CEF:0|V\|x|P|1|id|n|3|a=b", @"CEF:0|V\|x|P|1|id|n|3| a=b")]
    [InlineData(@"CEF:0|V\\|P|1|id|n|3|", @"CEF:0|V\\|P|1|id|n|3| ")]
    public void WithSpaceAfterHeader_Row_InsertsTheSpaceAfterTheSeventhUnescapedPipe(string record, string expected)
    {
        var spaced = Lognormalizer.WithSpaceAfterHeader(record);

        Assert.Equal(expected, spaced);
    }
}
