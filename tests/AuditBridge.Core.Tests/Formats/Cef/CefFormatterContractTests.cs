using System.Text;
using System.Text.Unicode;
using AuditBridge.Formats;
using AuditBridge.Formats.Cef;
using AuditBridge.Sources;

namespace AuditBridge.Core.Tests.Formats.Cef;

public sealed class CefFormatterContractTests : FormatterContractTests
{
    protected override string GoldenSuffix => ".cef";

    protected override IEventFormatter CreateFormatter() => EventFormatters.Cef(new CefFormatterOptions { Products = VendorProducts.All });

    protected override void AssertOneRecord(byte[] record) => AssertOneCefRecord(record);

    internal static void AssertOneCefRecord(byte[] record)
    {
        Assert.True(Utf8.IsValid(record), "The record is not valid UTF-8.");
        Assert.DoesNotContain(record, b => b < 0x20);
        Assert.False(FormatterContractTests.HasUnicodeLineBreak(record), "The record holds a raw NEL, LS or PS.");
        var (header, extension) = CefTestReader.Read(Encoding.UTF8.GetString(record));
        Assert.Equal(6, header.Length);
        Assert.All(extension, pair => Assert.NotEqual(string.Empty, pair.Value));
        Assert.Equal(extension.Count, extension.Select(pair => pair.Key).Distinct(StringComparer.Ordinal).Count());
    }
}
