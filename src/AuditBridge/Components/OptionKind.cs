namespace AuditBridge.Components;

/// <summary>What an option's value is, which decides how <see cref="OptionReader"/> reads and checks it.</summary>
internal enum OptionKind
{
    /// <summary>Free text.</summary>
    Text,

    /// <summary>A credential: a reference to an environment variable or a file, never the value itself.</summary>
    Secret,

    /// <summary>One of <see cref="OptionSpec.Choices"/>, ignoring case.</summary>
    Choice,

    /// <summary>A whole number from <see cref="OptionSpec.Minimum"/> to <see cref="OptionSpec.Maximum"/>.</summary>
    Int,

    /// <summary>true or false (on the command line, a switch).</summary>
    Bool,

    /// <summary>30s, 5m, 2h, 7d or seconds, at least <see cref="OptionSpec.MinimumDuration"/>.</summary>
    Duration,

    /// <summary>100MB, 1GiB, 512k or bytes.</summary>
    Size,

    /// <summary>A file path, relative to the configuration file or the working directory.</summary>
    Path,

    /// <summary>Names to values (YAML: a mapping; command line: NAME=VALUE, repeated).</summary>
    Map,

    /// <summary>Names to secrets (each value a secret reference).</summary>
    SecretMap,
}
