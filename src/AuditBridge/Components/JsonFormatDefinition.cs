using AuditBridge.Formats;

namespace AuditBridge.Components;

/// <summary>The <c>json</c> format: JSON lines (docs/formats/json.md).</summary>
internal sealed class JsonFormatDefinition : FormatDefinition
{
    public override string Name => "json";

    public override string Summary => "JSON lines: the normalized event with the vendor's raw event.";

    public override IEventFormatter? Create(OptionReader reader) => EventFormatters.Json();
}
