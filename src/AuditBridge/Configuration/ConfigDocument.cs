using AuditBridge.Settings;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AuditBridge.Configuration;

/// <summary>Loads a YAML configuration file with the environment (and the <c>.env</c> next to it) for interpolation.</summary>
internal static class ConfigDocument
{
    /// <summary>Parses the file; a YAML syntax error becomes a <see cref="ConfigurationException"/> with its position.</summary>
    public static ConfigMap Load(string path, string displayName, IReadOnlyDictionary<string, string> environment)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"{displayName}: cannot read the configuration ({e.Message})");
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var context = new ConfigContext(displayName, directory, DotEnvFile.Merge(environment, directory));
        if (YamlDepthGuard.FindDeepFlow(text) is { } flow)
        {
            throw new ConfigurationException([new ConfigurationError(displayName, flow.Line, flow.Column, string.Empty, YamlDepthGuard.TooDeepMessage)]);
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new YamlDepthGuard.Parser(new Parser(new StringReader(text))));
        }
        catch (YamlDepthGuard.TooDeepException deep)
        {
            throw new ConfigurationException([new ConfigurationError(displayName, deep.Start.Line, deep.Start.Column, string.Empty, YamlDepthGuard.TooDeepMessage)]);
        }
        catch (YamlException syntax)
        {
            throw new ConfigurationException([new ConfigurationError(displayName, syntax.Start.Line, syntax.Start.Column, string.Empty, "not valid YAML: " + (syntax.InnerException?.Message ?? syntax.Message))]);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            var node = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
            throw new ConfigurationException([new ConfigurationError(displayName, node?.Start.Line ?? 1, node?.Start.Column ?? 1, string.Empty, "the configuration must be a mapping with journal:, sources: and sinks:")]);
        }

        return new ConfigMap(root, string.Empty, context);
    }
}
