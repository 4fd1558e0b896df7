using AuditBridge.Formats;
using AuditBridge.Formats.Leef;
using AuditBridge.Sources;

namespace AuditBridge.Components;

/// <summary>The <c>leef</c> format: LEEF 2.0 for IBM QRadar (docs/formats/leef.md).</summary>
internal sealed class LeefFormatDefinition : FormatDefinition
{
    public static readonly OptionSpec Delimiter = new("leef_delimiter", OptionKind.Text, "LEEF attribute delimiter: ^ (default), TAB as x09, or one of ! # $ % & ' ( ) * ; < > ? @ ` ~ (the character or x../0x.. hex).")
    {
        Default = "^",
        HelpName = "CHAR",
    };

    public override string Name => "leef";

    public override string Summary => "LEEF 2.0 for IBM QRadar, one record per line.";

    public override IReadOnlyList<OptionSpec> Options => [Delimiter];

    public override IEventFormatter? Create(OptionReader reader)
    {
        var delimiter = reader.Text(Delimiter) ?? "^";
        try
        {
            // The formatter owns the rule (LeefFormatterOptions.Delimiter); creating one is the check.
            return EventFormatters.Leef(new LeefFormatterOptions { Delimiter = delimiter, Products = VendorProducts.All });
        }
        catch (ArgumentException)
        {
            reader.Source.Error(Delimiter, null, $"must be TAB (x09) or one of ! # $ % & ' ( ) * ; < > ? @ ^ ` ~ (the character, or x../0x.. hex), got '{delimiter}'");
            return null;
        }
    }
}
