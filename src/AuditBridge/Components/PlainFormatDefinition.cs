using AuditBridge.Formats;

namespace AuditBridge.Components;

/// <summary>A format without options of its own (<c>json</c>, <c>csv</c>): its name, summary and formatter are data.</summary>
internal sealed class PlainFormatDefinition(string name, string summary, Func<IEventFormatter> create) : FormatDefinition
{
    public override string Name => name;

    public override string Summary => summary;

    public override IEventFormatter? Create(OptionReader reader) => create();
}
