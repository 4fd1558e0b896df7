using System.Text.Json;
using System.Text.Unicode;
using AuditBridge.Formats;

namespace AuditBridge.Core.Tests.Formats.Json;

public sealed class JsonFormatterContractTests : FormatterContractTests
{
    protected override string GoldenSuffix => ".jsonl";

    protected override IEventFormatter CreateFormatter() => EventFormatters.Json();

    protected override void AssertOneRecord(byte[] record)
    {
        Assert.True(Utf8.IsValid(record), "The record is not valid UTF-8.");
        Assert.DoesNotContain(record, b => b < 0x20);
        using var document = JsonDocument.Parse(record);
        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
    }
}
