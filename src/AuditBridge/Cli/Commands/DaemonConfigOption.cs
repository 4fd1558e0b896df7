using System.CommandLine;
using AuditBridge.Cli.Terminal;
using AuditBridge.Configuration;

namespace AuditBridge.Cli.Commands;

/// <summary>The <c>--config FILE</c> every daemon command takes, and loading it with every error reported at once.</summary>
internal static class DaemonConfigOption
{
    public const string DefaultFile = "auditbridge.yaml";

    public static Option<string> Create() => new("--config", "-c")
    {
        Description = $"The configuration file (docs/configuration.md). Default ./{DefaultFile}.",
        HelpName = "FILE",
        DefaultValueFactory = _ => DefaultFile,
    };

    /// <summary>Loads the configuration, or prints every problem (file:line:column) and returns null.</summary>
    public static async Task<DaemonConfig?> LoadAsync(CliContext context, string file)
    {
        var path = Path.GetFullPath(file, context.WorkingDirectory);
        if (!File.Exists(path))
        {
            await context.Error.WriteLineAsync($"error: the configuration file {file} does not exist (see docs/configuration.md and auditbridge.example.yaml)");
            return null;
        }

        try
        {
            return DaemonConfigLoader.Load(path, file, context.Environment);
        }
        catch (ConfigurationException failure)
        {
            foreach (var error in failure.Errors.Count > 0 ? failure.Errors.Select(e => e.ToString()) : [failure.Message])
            {
                await context.Error.WriteLineAsync("error: " + error);
            }

            await context.Error.WriteLineAsync(failure.Errors.Count > 1 ? $"{failure.Errors.Count} problems in {file}." : $"1 problem in {file}.");
            return null;
        }
    }
}
