using AuditBridge.IO;
using AuditBridge.Shell;
using AuditBridge.Sources;

namespace AuditBridge.Cli.Quarantine;

/// <summary>
/// <c>pull --quarantine FILE</c>: events that cannot be mapped, appended as JSON lines (<see cref="QuarantineLine"/>)
/// and made durable before the state moves past their page, so none is lost to a crash. Created 0600: vendor events
/// are nobody else's business. Like every output, it is not written through a symbolic link at its path unless
/// <c>--follow-symlinks</c> (<see cref="NoFollowFile"/>).
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

    /// <exception cref="UsageException">The file cannot be opened for appending, or is a link not to be followed.</exception>
    public static QuarantineFile Open(string fullPath, string givenPath, bool followSymlinks)
    {
        try
        {
            var file = NoFollowFile.OpenOrCreate(fullPath, followSymlinks).Stream;
            file.Seek(0, SeekOrigin.End);
            return new QuarantineFile(file, givenPath);
        }
        catch (SymbolicLinkRefusedException e)
        {
            throw new UsageException($"--quarantine {givenPath}: {e.Message} (add --follow-symlinks to write where it points)", ExitCodes.Output);
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
