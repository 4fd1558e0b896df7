namespace AuditBridge.Events.Severity;

/// <summary>
/// Reads a user's severity map file (<c>--severity-map</c>, the configuration's <c>severity.map_file</c>) for a
/// <see cref="SeverityPolicy"/>: Core parses policy documents, it does not read files.
/// </summary>
public static class SeverityPolicyFile
{
    /// <summary>
    /// A copy of <paramref name="policy"/> with the file at <paramref name="path"/> merged over it
    /// (<see cref="SeverityPolicy.WithJson"/>); error messages name the file by <paramref name="path"/>.
    /// </summary>
    /// <exception cref="SeverityPolicyException">The file is malformed; the message names file, line, column and key.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static SeverityPolicy WithFile(this SeverityPolicy policy, string path)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentException.ThrowIfNullOrEmpty(path);
        return policy.WithJson(File.ReadAllBytes(path), path);
    }
}
