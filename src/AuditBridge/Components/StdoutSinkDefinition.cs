using AuditBridge.Formats;
using AuditBridge.Sinks;
using AuditBridge.Sinks.Stdout;

namespace AuditBridge.Components;

/// <summary>The <c>stdout</c> sink: records on standard output. On the command line it is chosen when no other output is given.</summary>
internal sealed class StdoutSinkDefinition : SinkDefinition
{
    public override string Type => "stdout";

    public override string Summary => "Records on standard output (the command line's output when no other is given).";

    public override string DefaultFormat => "json";

    public override OptionSpec? Target => null;

    public override IReadOnlyList<OptionSpec> Options => [];

    public override SinkBinding Bind(OptionReader reader, IEventFormatter? formatter) => new(
        Type,
        services => StdoutSinkFactory.Create(new StdoutSinkOptions(), formatter!, services.StandardOutput ?? Console.OpenStandardOutput()),
        $"stdout ({formatter?.Name ?? "?"})",
        DeliveryGuarantee.AtLeastOnce);
}
