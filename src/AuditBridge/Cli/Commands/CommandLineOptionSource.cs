using System.CommandLine;
using AuditBridge.Components;

namespace AuditBridge.Cli.Commands;

/// <summary>
/// The command line as an <see cref="IOptionSource"/>: errors named by the flag (<c>--max-rate: …</c>), paths
/// relative to the working directory, secrets only as <c>env:NAME</c> (the environment with <c>./.env</c>) or
/// <c>file:PATH</c>. A value the command line fixes itself (<c>fsync</c>: by <c>--state</c>; the sample script's
/// <c>--host</c>/<c>--port</c>) is given as implied text.
/// </summary>
internal sealed class CommandLineOptionSource(
    ParseResult result,
    IReadOnlyDictionary<OptionSpec, Option> options,
    IReadOnlyDictionary<string, string> variables,
    string workingDirectory,
    IReadOnlyDictionary<OptionSpec, string> implied) : IOptionSource
{
    private const string VariablePrefix = "env:";

    private readonly List<(OptionSpec Option, string Message)> _errors = [];
    private readonly List<string> _warnings = [];

    /// <summary>Every error, keyed by option, each a line that starts with the flag.</summary>
    public IReadOnlyList<(OptionSpec Option, string Message)> Errors => _errors;

    public IReadOnlyList<string> Warnings => _warnings;

    public string LiteralSecretRefusal =>
        "secrets are never taken from the command line as themselves (they would end up in shell history and process listings); write env:NAME (a variable set in the environment or ./.env) or file:/path/to/secret";

    public bool DefersSecrets => false;

    public string Name(OptionSpec option) => option.Flag;

    public string Reference(OptionSpec option, string value) => $"{option.Flag} {value}";

    public string SinkReference(SinkDefinition sink) => sink.Target is { } target ? $"{target.Flag} {target.HelpName}" : sink.Type;

    public bool Has(OptionSpec option) =>
        implied.ContainsKey(option) || (options.TryGetValue(option, out var symbol) && result.GetResult(symbol) is { Implicit: false });

    public string? Text(OptionSpec option)
    {
        if (implied.TryGetValue(option, out var fixedText))
        {
            return fixedText;
        }

        if (!options.TryGetValue(option, out var symbol) || result.GetResult(symbol) is not { Implicit: false } given)
        {
            return null;
        }

        // A switch given alone is true; a flag given alone takes the option's bare value (--output: the sample script's file).
        return given.Tokens.Count > 0 ? given.Tokens[^1].Value
            : option.Kind == OptionKind.Bool ? "true"
            : option.ValueWhenBare ?? string.Empty;
    }

    public string? RawText(OptionSpec option) => Text(option);

    public IReadOnlyList<OptionEntry>? Entries(OptionSpec option)
    {
        if (!options.TryGetValue(option, out var symbol) || result.GetResult(symbol) is not { Implicit: false } given)
        {
            return null;
        }

        var entries = new List<OptionEntry>();
        foreach (var token in given.Tokens)
        {
            var equals = token.Value.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                // Never echo the text: it may be a secret written as itself.
                Error(option, null, "write NAME=VALUE" + (option.Kind == OptionKind.SecretMap ? " (the value env:NAME or file:PATH)" : string.Empty));
                continue;
            }

            var value = token.Value[(equals + 1)..];
            entries.Add(new OptionEntry(token.Value[..equals], value, value));
        }

        return entries;
    }

    public bool IsVariableReference(string raw) => raw.StartsWith(VariablePrefix, StringComparison.Ordinal) && raw.Length > VariablePrefix.Length;

    public string? ReadVariable(OptionSpec option, string? entry, string raw, out string origin)
    {
        var name = raw[VariablePrefix.Length..];
        origin = "env " + name;
        if (!variables.TryGetValue(name, out var value))
        {
            Error(option, entry, $"the environment variable {name} is not set (set it, or put it in ./.env)");
            return null;
        }

        if (value.Trim().Length == 0)
        {
            Error(option, entry, $"{raw} is empty");
            return null;
        }

        return value.Trim();
    }

    public string FullPath(string path) => Path.GetFullPath(path, workingDirectory);

    public void Error(OptionSpec option, string? entry, string message) =>
        _errors.Add((option, entry is null ? $"{option.Flag}: {message}" : $"{option.Flag} {entry}: {message}"));

    public void ComponentError(OptionSpec option, string message) => _errors.Add((option, $"{option.Flag}: {message}"));

    public void Warn(string message) => _warnings.Add(message);
}
