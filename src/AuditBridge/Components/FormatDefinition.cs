using AuditBridge.Formats;

namespace AuditBridge.Components;

/// <summary>One record format: its name, its own options (the CEF profile, the LEEF delimiter) and how it is created.</summary>
internal abstract class FormatDefinition
{
    /// <summary>The value of <c>format:</c> / <c>--format</c>.</summary>
    public abstract string Name { get; }

    public abstract string Summary { get; }

    /// <summary>The options only this format takes; an error names the format when they are given for another.</summary>
    public virtual IReadOnlyList<OptionSpec> Options => [];

    /// <summary>Creates the formatter from its options; null when they had an error (recorded).</summary>
    public abstract IEventFormatter? Create(OptionReader reader);
}
