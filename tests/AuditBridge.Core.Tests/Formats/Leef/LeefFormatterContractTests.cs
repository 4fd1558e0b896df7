using System.Text;
using System.Text.Unicode;
using AuditBridge.Formats;
using AuditBridge.Formats.Leef;
using AuditBridge.Sources;

namespace AuditBridge.Core.Tests.Formats.Leef;

public sealed class LeefFormatterContractTests : FormatterContractTests
{
    /// <summary>Every section name the golden cases use.</summary>
    internal static readonly string[] GoldenSectionKeys =
        ["details", "actor", "origin", "assets", "participants", "context", "extra", "additional_details", "properties"];

    protected override string GoldenSuffix => ".leef";

    protected override IEventFormatter CreateFormatter() => EventFormatters.Leef(new LeefFormatterOptions { Products = VendorProducts.All });

    protected override void AssertOneRecord(byte[] record) => AssertOneLeefRecord(record);

    internal static LeefRecord AssertOneLeefRecord(byte[] record)
    {
        Assert.True(Utf8.IsValid(record), "The record is not valid UTF-8.");

        // The default delimiter is '^', so no control character at all may appear.
        Assert.DoesNotContain(record, b => b < 0x20);
        Assert.False(FormatterContractTests.HasUnicodeLineBreak(record), "The record holds a raw NEL, LS or PS.");
        var leef = LeefTestReader.Read(Encoding.UTF8.GetString(record), GoldenSectionKeys);
        Assert.Equal('^', leef.Delimiter);
        Assert.Equal(["devTime", "sev"], leef.Keys[..2]);
        return leef;
    }
}
