using AuditBridge.Framing;

namespace AuditBridge.Sinks.File;

/// <summary>Settings of the <c>file</c> sink. <see cref="Validate"/> lists every problem at once.</summary>
public sealed class FileSinkOptions
{
    /// <summary>
    /// File to append to. Required. Missing directories are created (0700 on Unix) and a new file is created 0600
    /// on Unix: audit data names people, files and addresses. An existing file keeps its permissions.
    /// </summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>
    /// Sync every batch to the disk (fsync) before the write completes, so a completed write survives a power loss,
    /// not only a process crash. Default true. False leaves it in the OS page cache: faster, and an OS crash can
    /// lose the last batches.
    /// </summary>
    public bool FlushToDisk { get; set; } = true;

    /// <summary>
    /// How records are separated. Default null: by format, <see cref="FramingMethod.CrLf"/> for <c>csv</c> (RFC 4180)
    /// and <see cref="FramingMethod.Newline"/> (LF) for everything else.
    /// </summary>
    public FramingMethod? Framing { get; set; }

    /// <summary>Every problem with these settings, one sentence each; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Path))
        {
            errors.Add("Path is required.");
        }
        else if (Path.IndexOfAny(System.IO.Path.GetInvalidPathChars()) >= 0)
        {
            errors.Add($"Path '{Path}' contains characters that are not allowed in a path.");
        }
        else if (Directory.Exists(Path))
        {
            errors.Add($"Path '{Path}' is a directory; name a file in it.");
        }

        if (Framing is { } framing && !Enum.IsDefined(framing))
        {
            errors.Add($"Framing '{framing}' is not one of OctetCounting, Newline, CrLf, None.");
        }

        return errors;
    }
}
