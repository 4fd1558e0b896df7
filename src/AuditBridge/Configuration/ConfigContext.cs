using YamlDotNet.RepresentationModel;

namespace AuditBridge.Configuration;

/// <summary>What every part of a configuration being read shares: the file, the environment, and the errors found so far.</summary>
internal sealed class ConfigContext(string file, string baseDirectory, IReadOnlyDictionary<string, string> environment)
{
    private readonly List<ConfigurationError> _errors = [];

    /// <summary>The file as the user named it, for messages.</summary>
    public string File { get; } = file;

    /// <summary>Relative paths in the file are relative to its directory.</summary>
    public string BaseDirectory { get; } = baseDirectory;

    public IReadOnlyDictionary<string, string> Environment { get; } = environment;

    public IReadOnlyList<ConfigurationError> Errors => _errors;

    public void Error(YamlNode? node, string path, string message) =>
        _errors.Add(new ConfigurationError(File, node?.Start.Line ?? 1, node?.Start.Column ?? 1, path, message));

    public string FullPath(string path) => Path.GetFullPath(path, BaseDirectory);

    /// <summary>Throws every error found, sorted by position, when there is any.</summary>
    public void ThrowIfErrors()
    {
        if (_errors.Count > 0)
        {
            throw new ConfigurationException([.. _errors.OrderBy(e => e.Line).ThenBy(e => e.Column)]);
        }
    }
}
