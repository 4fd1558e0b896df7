using AuditBridge.Cli.Credentials;
using AuditBridge.Sources;

namespace AuditBridge.Cli.Quarantine;

/// <summary>
/// <c>pull --quarantine FILE</c>: events that cannot be mapped, appended as JSON lines (<see cref="QuarantineLine"/>)
/// and made durable before the state moves past their page, so none is lost to a crash. Created 0600: vendor events
/// are nobody else's business.
/// </summary>
internal sealed class QuarantineFile : IDisposable
{
    private readonly FileStream _file;

    private QuarantineFile(FileStream file, string path)
    {
        _file = file;
        Path = path;
    }

    /// <summary>The file as the user named it, for messages.</summary>
    public string Path { get; }

    /// <exception cref="UsageException">The file cannot be opened for appending.</exception>
    public static QuarantineFile Open(string fullPath, string givenPath)
    {
        var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.Read };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            return new QuarantineFile(new FileStream(fullPath, options), givenPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--quarantine {givenPath}: cannot open it for appending ({e.Message})", ExitCodes.Output);
        }
    }

    /// <summary>Appends the page's quarantined events and flushes them to the disk.</summary>
    public void Append(string source, DateTimeOffset received, IReadOnlyList<QuarantinedEvent> events)
    {
        foreach (var quarantined in events)
        {
            _file.Write(QuarantineLine.Write(null, source, received, quarantined));
        }

        _file.Flush(flushToDisk: true);
    }

    public void Dispose() => _file.Dispose();
}
