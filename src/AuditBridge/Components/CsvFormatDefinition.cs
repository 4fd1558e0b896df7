using AuditBridge.Formats;

namespace AuditBridge.Components;

/// <summary>The <c>csv</c> format (docs/formats/csv.md): a file format, since a line means nothing without its header.</summary>
internal sealed class CsvFormatDefinition : FormatDefinition
{
    public override string Name => "csv";

    public override string Summary => "CSV with a header line (files only).";

    public override IEventFormatter? Create(OptionReader reader) => EventFormatters.Csv();
}
