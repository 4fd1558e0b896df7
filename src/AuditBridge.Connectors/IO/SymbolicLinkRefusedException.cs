namespace AuditBridge.IO;

/// <summary>
/// A file was to be written, and its path names a symbolic link. Outputs and state files are not written through links
/// unless the operator allowed it: a link planted in a shared directory would otherwise send audit data, or a state
/// file's bytes, into a file of the attacker's choosing.
/// </summary>
public sealed class SymbolicLinkRefusedException : IOException
{
    /// <param name="path">The path that is a link.</param>
    /// <param name="target">Where it points, when it could be read.</param>
    public SymbolicLinkRefusedException(string path, string? target)
        : base($"'{path}' is a symbolic link{(target is null ? string.Empty : $" to '{target}'")}, and files are not written through links unless that is allowed")
    {
        Path = path;
        Target = target;
    }

    /// <summary>The path that is a link.</summary>
    public string Path { get; }

    /// <summary>Where the link points, or null.</summary>
    public string? Target { get; }
}
