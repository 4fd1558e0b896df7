namespace AuditBridge.Components;

/// <summary>
/// One option of a component, as both front ends know it: its YAML key, its command-line flag, what it holds, its
/// default and one line of documentation. Where the option cannot be used from the command line,
/// <see cref="NotOnCommandLine"/> says why.
/// </summary>
internal sealed record OptionSpec
{
    /// <param name="key">The YAML key (snake_case).</param>
    /// <param name="kind">What the value is.</param>
    /// <param name="documentation">One line for the docs and <c>--help</c>.</param>
    /// <param name="flagPrefix">Put before the derived flag (<c>http</c>: <c>--http-max-batch-events</c>); null for none.</param>
    public OptionSpec(string key, OptionKind kind, string documentation, string? flagPrefix = null)
    {
        Key = key;
        Kind = kind;
        Documentation = documentation;
        Flag = DerivedFlag(flagPrefix, key);
    }

    public string Key { get; }

    public OptionKind Kind { get; }

    public string Documentation { get; }

    /// <summary>The command-line flag: derived from the key (<c>max_rate</c>: <c>--max-rate</c>) unless set to an existing name.</summary>
    public string Flag { get; init; }

    /// <summary>The default as the docs write it; null when unset means "none" or is explained in the documentation.</summary>
    public string? Default { get; init; }

    /// <summary>The allowed values of a <see cref="OptionKind.Choice"/>.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    public int Minimum { get; init; }

    public int Maximum { get; init; } = int.MaxValue;

    public TimeSpan? MinimumDuration { get; init; }

    /// <summary>The component cannot work without it (YAML: an error when missing; command line: the flag that selects the component).</summary>
    public bool Required { get; init; }

    /// <summary>Why the option cannot be given on the command line; null when it can.</summary>
    public string? NotOnCommandLine { get; init; }

    /// <summary>The command line's value of the flag given without one (<c>--output</c> alone: the sample script's file).</summary>
    public string? ValueWhenBare { get; init; }

    /// <summary>What the value is called in <c>--help</c> (<c>URL</c>, <c>FILE</c>, <c>N</c>).</summary>
    public string? HelpName { get; init; }

    /// <summary>The property of the component's options class the option sets: problems the class reports about it point here.</summary>
    public string? Property { get; init; }

    /// <summary>
    /// True for flags that existed before their sink could be chosen by a flag of its own and are ignored without it
    /// (<c>--syslog-header</c> without <c>--syslog</c>); every newer flag of a sink not chosen is refused.
    /// </summary>
    public bool IgnoredWithoutItsSink { get; init; }

    public static string DerivedFlag(string? prefix, string key) =>
        "--" + (prefix is null ? string.Empty : prefix + "-") + key.Replace('_', '-');
}
