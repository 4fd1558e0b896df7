using AuditBridge.Formats;
using AuditBridge.Formats.Cef;
using AuditBridge.Sources;

namespace AuditBridge.Components;

/// <summary>The <c>cef</c> format (docs/formats/cef.md).</summary>
internal sealed class CefFormatDefinition : FormatDefinition
{
    public static readonly OptionSpec Profile = new("cef_profile", OptionKind.Choice, "CEF key layout: default, or dropbox-blog (the Dropbox sample script's layout, with valid JSON and escaping).")
    {
        Choices = CefProfiles.All,
        Default = CefProfiles.Default,
    };

    public override string Name => "cef";

    public override string Summary => "ArcSight Common Event Format, one record per line.";

    public override IReadOnlyList<OptionSpec> Options => [Profile];

    public override IEventFormatter? Create(OptionReader reader) =>
        EventFormatters.Cef(new CefFormatterOptions { Profile = reader.Choice(Profile) ?? CefProfiles.Default, Products = VendorProducts.All });
}
