namespace AuditBridge.Configuration;

/// <summary>One problem in a configuration file, where it is.</summary>
/// <param name="File">The file, as the user named it.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Path">Where in the document (<c>sources[1].interval</c>).</param>
/// <param name="Message">What is wrong and, where possible, what to write instead.</param>
internal sealed record ConfigurationError(string File, long Line, long Column, string Path, string Message)
{
    public override string ToString() => string.IsNullOrEmpty(Path)
        ? $"{File}:{Line}:{Column}: {Message}"
        : $"{File}:{Line}:{Column}: {Path}: {Message}";
}
