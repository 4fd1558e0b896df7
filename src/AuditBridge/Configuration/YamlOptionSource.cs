using AuditBridge.Components;

namespace AuditBridge.Configuration;

/// <summary>
/// The configuration file as an <see cref="IOptionSource"/>: one component's mapping, its errors at file:line:column
/// with the key path (<c>sinks[0].max_rate</c>), secrets as <c>${VAR}</c> or <c>file:PATH</c>.
/// </summary>
internal sealed class YamlOptionSource(ConfigMap map) : IOptionSource
{
    private readonly Dictionary<string, ConfigMap> _maps = new(StringComparer.Ordinal);

    public string LiteralSecretRefusal => "write the secret as ${VARIABLE} (set in the environment or .env) or file:/path/to/secret, never the secret itself";

    public bool DefersSecrets => map.DefersSecrets;

    public string Name(OptionSpec option) => option.Key;

    public string Reference(OptionSpec option, string value) => $"{option.Key} {value}";

    public string SinkReference(SinkDefinition sink) => $"a {sink.Type} sink";

    public bool Has(OptionSpec option) => map.Has(option.Key);

    public string? Text(OptionSpec option) => map.String(option.Key, option.Required);

    public string? RawText(OptionSpec option) => map.RawScalar(option.Key, option.Required);

    public IReadOnlyList<OptionEntry>? Entries(OptionSpec option)
    {
        if (map.Map(option.Key) is not { } entries)
        {
            return null;
        }

        _maps[option.Key] = entries;
        var isSecret = option.Kind == OptionKind.SecretMap;

        // A secret's text is never interpolated here: the reader resolves the reference itself.
        return [.. entries.Entries().ToList().Select(e => new OptionEntry(e.Key, isSecret ? null : entries.String(e.Key), entries.RawScalar(e.Key) ?? string.Empty))];
    }

    public bool IsVariableReference(string raw) => ConfigInterpolation.IsSingleReference(raw);

    public string? ReadVariable(OptionSpec option, string? entry, string raw, out string origin)
    {
        origin = "env " + raw[2..^1].Split(":-")[0];
        var value = ConfigInterpolation.Apply(raw, map.Context.Environment, out var error);
        if (error is not null)
        {
            Error(option, entry, error);
            return null;
        }

        if (value.Length == 0)
        {
            Error(option, entry, $"{raw} is empty");
            return null;
        }

        return value;
    }

    public string FullPath(string path) => map.Context.FullPath(path);

    public void Error(OptionSpec option, string? entry, string message)
    {
        if (entry is not null && _maps.TryGetValue(option.Key, out var entries))
        {
            entries.Error(entries.NodeOf(entry), entry, message);
            return;
        }

        map.Error(map.NodeOf(option.Key), option.Key, message);
    }

    public void ComponentError(OptionSpec option, string message) => map.Error(null, option.Key, message);

    public void Warn(string message) => map.Warn(message);
}
