using AuditBridge.Secrets;
using AuditBridge.Shell;

namespace AuditBridge.Cli.Credentials;

/// <summary>Secrets of one-shot commands: read from the environment (with <c>.env</c> merged in) or a named file, checked as credentials.</summary>
internal static class EnvironmentSecrets
{
    /// <summary>The variable's value as a secret, or null when it is unset or blank.</summary>
    /// <exception cref="UsageException">The value is too short to be a credential (the message names the variable, never the value).</exception>
    public static Secret? Read(IReadOnlyDictionary<string, string> environment, string name, bool isIdentifier = false)
    {
        if (!environment.TryGetValue(name, out var value) || string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return isIdentifier ? Secret.Identifier(value.Trim(), $"env {name}") : Create(value.Trim(), $"env {name}");
    }

    /// <summary>A secret from <paramref name="origin"/>.</summary>
    /// <exception cref="UsageException">The value is too short to be a credential.</exception>
    public static Secret Create(string value, string origin) =>
        Secret.Check(value, origin) is { } problem ? throw new UsageException(problem) : new Secret(value, origin);
}
