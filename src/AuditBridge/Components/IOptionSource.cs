namespace AuditBridge.Components;

/// <summary>
/// A front end as <see cref="OptionReader"/> sees it: the YAML mapping of one component, or the command line. It
/// hands out the text given for an option and records errors where its user will look for them (YAML:
/// file:line:column and the key path; command line: the flag). Everything else (parsing, ranges, messages) is the
/// reader's, so an option fails with the same words on both.
/// </summary>
internal interface IOptionSource
{
    /// <summary>How this front end names the option (<c>max_rate</c>, <c>--max-rate</c>).</summary>
    string Name(OptionSpec option);

    /// <summary>How this front end writes the option with a value (<c>mode splunk_hec</c>, <c>--http-mode splunk_hec</c>).</summary>
    string Reference(OptionSpec option, string value);

    /// <summary>How this front end points at another sink, as an alternative (<c>a file sink</c>, <c>--output FILE</c>).</summary>
    string SinkReference(SinkDefinition sink);

    /// <summary>The refusal of a secret written as itself, with the forms this front end takes instead.</summary>
    string LiteralSecretRefusal { get; }

    /// <summary>Inside a disabled component secrets are checked for their form only, never read.</summary>
    bool DefersSecrets { get; }

    bool Has(OptionSpec option);

    /// <summary>The value as text (YAML: interpolated); null when absent. Errors of shape are reported by the source.</summary>
    string? Text(OptionSpec option);

    /// <summary>The value as written, uninterpolated: what a secret reference is read from.</summary>
    string? RawText(OptionSpec option);

    /// <summary>The entries of a map option; null when absent.</summary>
    IReadOnlyList<OptionEntry>? Entries(OptionSpec option);

    /// <summary>Whether <paramref name="raw"/> is this front end's reference to an environment variable (<c>${NAME}</c>, <c>env:NAME</c>).</summary>
    bool IsVariableReference(string raw);

    /// <summary>The variable <paramref name="raw"/> refers to; null when it is unset or empty (reported here).</summary>
    string? ReadVariable(OptionSpec option, string? entry, string raw, out string origin);

    /// <summary>A path as given, made absolute (relative to the configuration file, or to the working directory).</summary>
    string FullPath(string path);

    /// <summary>An error about the value given for <paramref name="option"/> (and its map <paramref name="entry"/>).</summary>
    void Error(OptionSpec option, string? entry, string message);

    /// <summary>An error about the component's options taken together, keyed by the option where the fix goes.</summary>
    void ComponentError(OptionSpec option, string message);

    /// <summary>Something allowed but risky (an insecure option): shown at every start.</summary>
    void Warn(string message);
}
