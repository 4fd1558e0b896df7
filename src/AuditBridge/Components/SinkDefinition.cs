using AuditBridge.Formats;
using AuditBridge.Sinks;

namespace AuditBridge.Components;

/// <summary>
/// Everything about one sink type that is not its transport: its options as one schema, their validation, and how to
/// build it. The YAML <c>sinks:</c> section, <c>check</c> and the output options of <c>pull</c> and <c>convert</c> all
/// bind through it, so an option means the same and fails with the same words on every front end.
/// </summary>
internal abstract class SinkDefinition
{
    /// <summary>The <c>type:</c> of the sink in YAML (<c>syslog</c>).</summary>
    public abstract string Type { get; }

    /// <summary>One line for the docs.</summary>
    public abstract string Summary { get; }

    /// <summary>The format when none is given in YAML (the command line's <c>--format</c> defaults to cef for every output).</summary>
    public abstract string DefaultFormat { get; }

    /// <summary>
    /// The option that chooses this sink on the command line (its endpoint or path: <c>--syslog</c>, <c>--output</c>,
    /// <c>--http</c>); null when the command line chooses it otherwise (stdout: when no other output is given).
    /// </summary>
    public abstract OptionSpec? Target { get; }

    /// <summary>Every option, <see cref="Target"/> included, without the format options every sink shares (<see cref="FormatSelection"/>).</summary>
    public abstract IReadOnlyList<OptionSpec> Options { get; }

    /// <summary>Reads and checks the options; the binding is only built when no error was recorded.</summary>
    /// <param name="reader">The options of one sink from one front end.</param>
    /// <param name="formatter">The format chosen for it, or null when that choice had an error.</param>
    public abstract SinkBinding Bind(OptionReader reader, IEventFormatter? formatter);

    /// <summary>Reports each problem the options class found at the option it is about, named as the front end names options.</summary>
    /// <param name="reader">Where the problems go.</param>
    /// <param name="problems">The options class's problems, keyed by property.</param>
    protected void Report(OptionReader reader, IReadOnlyList<OptionProblem> problems)
    {
        foreach (var problem in problems)
        {
            reader.Source.ComponentError(OptionOf(problem.Property) ?? Target ?? Options[0], problem.Message);
        }
    }

    /// <summary>How the options class's properties (and enum values, <c>SplunkHec</c>) read in a front end's messages.</summary>
    protected OptionNamer Namer(OptionReader reader, IReadOnlyDictionary<string, (OptionSpec Option, string Value)>? values = null) =>
        name => values is not null && values.TryGetValue(name, out var value) ? reader.Source.Reference(value.Option, value.Value)
            : OptionOf(name) is { } option ? reader.Source.Name(option)
            : name;

    private OptionSpec? OptionOf(string property) => Options.FirstOrDefault(o => o.Property == property);

    /// <summary>The warning every start repeats for an option that turns TLS verification off.</summary>
    protected static void WarnInsecureSkipVerify(OptionReader reader, OptionSpec option) =>
        reader.Source.Warn($"does not verify the receiver's TLS certificate ({reader.Source.Name(option)}): anyone on the network path can read and change what it sends, credentials included");
}
