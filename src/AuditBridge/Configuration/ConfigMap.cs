using AuditBridge.Components;
using AuditBridge.Secrets;
using AuditBridge.Settings;
using YamlDotNet.RepresentationModel;

namespace AuditBridge.Configuration;

/// <summary>
/// A YAML mapping read by a schema: typed getters that record an error (with file:line:column) instead of throwing,
/// so one pass reports every problem, and <see cref="ReportUnknownKeys"/> that names keys no getter asked for, with the
/// closest known key as a suggestion.
/// </summary>
internal sealed class ConfigMap
{
    private readonly YamlMappingNode _node;
    private readonly ConfigContext _context;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);
    private readonly List<string> _warnings = [];

    public ConfigMap(YamlMappingNode node, string path, ConfigContext context)
    {
        _node = node;
        Path = path;
        _context = context;
    }

    /// <summary>Where this map is (<c>sources[0]</c>); empty at the root.</summary>
    public string Path { get; }

    public YamlNode Node => _node;

    public ConfigContext Context => _context;

    /// <summary>What a binder found risky but allowed (an insecure option): logged at warning level at every start.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    // The typed getters are the shared reader's, so a key fails with the same words as the command line's flag.
    private OptionReader Reader => new(new YamlOptionSource(this));

    public bool Has(string key)
    {
        _known.Add(key);
        return Find(key) is not null;
    }

    /// <summary>A scalar with <c>${VAR}</c> interpolated; null when absent (an error too when required).</summary>
    public string? String(string key, bool required = false)
    {
        var node = Scalar(key, required);
        if (node is null)
        {
            return null;
        }

        var value = ConfigInterpolation.Apply(node.Value ?? string.Empty, _context.Environment, out var error);
        if (error is not null)
        {
            Error(node, key, error);
            return null;
        }

        if (required && value.Length == 0)
        {
            Error(node, key, "must not be empty");
            return null;
        }

        return value;
    }

    /// <summary>
    /// True inside a disabled component (<c>enabled: false</c>): its secrets are checked for their form only, never read,
    /// so a disabled source needs no variable set and no secret file present. Maps below this one inherit it.
    /// </summary>
    public bool DefersSecrets { get; set; }

    /// <summary>
    /// A secret: the value must be a <c>${VAR}</c> reference or <c>file:PATH</c> (relative to the configuration);
    /// a secret written into the file itself is refused, since configuration files end up in backups and repositories.
    /// Read by the one <see cref="OptionReader"/> every front end shares.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <param name="required">Whether the key must be present.</param>
    /// <param name="isIdentifier">An identifier kept like a secret but not a credential (a Box enterprise id): no minimum length.</param>
    public Secret? Secret(string key, bool required = false, bool isIdentifier = false) =>
        Reader.Secret(new OptionSpec(key, OptionKind.Secret, string.Empty) { Required = required }, isIdentifier);

    public TimeSpan? Duration(string key, TimeSpan? minimum = null) =>
        Reader.Duration(new OptionSpec(key, OptionKind.Duration, string.Empty) { MinimumDuration = minimum });

    public int? Int(string key, int minimum, int maximum) =>
        Reader.Int(new OptionSpec(key, OptionKind.Int, string.Empty) { Minimum = minimum, Maximum = maximum });

    /// <summary>A size such as <c>100MB</c>, <c>1GiB</c>, <c>512k</c> or a number of bytes.</summary>
    public long? Size(string key) => Reader.Size(new OptionSpec(key, OptionKind.Size, string.Empty));

    public bool? Bool(string key) => Reader.Bool(new OptionSpec(key, OptionKind.Bool, string.Empty));

    /// <summary>One of <paramref name="allowed"/> (compared ignoring case), suggesting the closest on a typo.</summary>
    public string? OneOf(string key, params string[] allowed) =>
        Reader.Choice(new OptionSpec(key, OptionKind.Choice, string.Empty) { Choices = allowed });

    /// <summary>The scalar as written, uninterpolated; null when absent (an error too when required).</summary>
    public string? RawScalar(string key, bool required = false) => Scalar(key, required)?.Value;

    /// <summary>The value node of <paramref name="key"/>, for errors about the value; null when absent.</summary>
    public YamlNode? NodeOf(string key) => Find(key);

    public ConfigMap? Map(string key, bool required = false)
    {
        _known.Add(key);
        var node = Find(key);
        if (node is null)
        {
            if (required)
            {
                Error(_node, key, "is required");
            }

            return null;
        }

        if (node is not YamlMappingNode map)
        {
            Error(node, key, "must be a mapping (key: value lines)");
            return null;
        }

        return new ConfigMap(map, Join(key), _context) { DefersSecrets = DefersSecrets };
    }

    public IReadOnlyList<ConfigMap> MapList(string key)
    {
        _known.Add(key);
        var node = Find(key);
        if (node is null)
        {
            return [];
        }

        if (node is not YamlSequenceNode sequence)
        {
            Error(node, key, "must be a list (lines starting with '- ')");
            return [];
        }

        var maps = new List<ConfigMap>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            if (sequence.Children[i] is YamlMappingNode item)
            {
                maps.Add(new ConfigMap(item, $"{Join(key)}[{i}]", _context) { DefersSecrets = DefersSecrets });
            }
            else
            {
                Error(sequence.Children[i], $"{key}[{i}]", "must be a mapping (key: value lines)");
            }
        }

        return maps;
    }

    /// <summary>A list of scalars, or a single scalar taken as a list of one.</summary>
    public IReadOnlyList<string>? StringList(string key)
    {
        _known.Add(key);
        var node = Find(key);
        switch (node)
        {
            case null:
                return null;
            case YamlScalarNode:
                return String(key) is { } single ? [single] : null;
            case YamlSequenceNode sequence:
                var values = new List<string>();
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    if (sequence.Children[i] is YamlScalarNode scalar)
                    {
                        var value = ConfigInterpolation.Apply(scalar.Value ?? string.Empty, _context.Environment, out var error);
                        if (error is not null)
                        {
                            Error(scalar, $"{key}[{i}]", error);
                        }
                        else
                        {
                            values.Add(value);
                        }
                    }
                    else
                    {
                        Error(sequence.Children[i], $"{key}[{i}]", "must be a single value");
                    }
                }

                return values;
            default:
                Error(node, key, "must be a value or a list of values");
                return null;
        }
    }

    /// <summary>The keys of this map in file order (for maps whose keys are data, such as severity tables).</summary>
    public IEnumerable<(string Key, YamlNode Value)> Entries()
    {
        foreach (var (key, value) in _node.Children)
        {
            if (key is YamlScalarNode { Value: { } name })
            {
                _known.Add(name);
                yield return (name, value);
            }
        }
    }

    /// <summary>Records an error for every key no getter asked for, suggesting the closest known key.</summary>
    public void ReportUnknownKeys()
    {
        foreach (var (key, _) in _node.Children)
        {
            if (key is not YamlScalarNode { Value: { } name } || _known.Contains(name))
            {
                continue;
            }

            var suggestion = DidYouMean.Suggest(name, _known);
            Error(key, name, "unknown key" + (suggestion is null ? $"; known keys here: {string.Join(", ", _known.Order(StringComparer.Ordinal))}" : $" (did you mean '{suggestion}'?)"));
        }
    }

    /// <summary>Records a warning about this component (see <see cref="Warnings"/>).</summary>
    public void Warn(string message) => _warnings.Add(message);

    public void Error(YamlNode? node, string key, string message) => _context.Error(node ?? _node, Join(key), message);

    private YamlScalarNode? Scalar(string key, bool required)
    {
        _known.Add(key);
        var node = Find(key);
        if (node is null)
        {
            if (required)
            {
                Error(_node, key, "is required");
            }

            return null;
        }

        if (node is not YamlScalarNode scalar)
        {
            Error(node, key, "must be a single value");
            return null;
        }

        if (scalar.Value is null || (scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is "~" or "null" or ""))
        {
            if (required)
            {
                Error(node, key, "is required");
            }

            return null;
        }

        return scalar;
    }

    private YamlNode? Find(string key)
    {
        foreach (var (k, v) in _node.Children)
        {
            if (k is YamlScalarNode { Value: { } name } && string.Equals(name, key, StringComparison.Ordinal))
            {
                return v;
            }
        }

        return null;
    }

    private string Join(string key) => Path.Length == 0 ? key : key.Length == 0 ? Path : $"{Path}.{key}";
}
