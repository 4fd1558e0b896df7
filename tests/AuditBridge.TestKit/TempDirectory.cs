using System.Runtime.CompilerServices;

namespace AuditBridge.TestKit;

/// <summary>A per-test directory under the system temp folder, named after the calling test, deleted on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    private TempDirectory(string path)
    {
        Path = path;
        Directory.CreateDirectory(path);
    }

    public string Path { get; }

    public static TempDirectory ForCaller([CallerMemberName] string caller = "", [CallerFilePath] string file = "")
    {
        var name = $"{System.IO.Path.GetFileNameWithoutExtension(file)}-{caller}";
        if (name.Length > 80)
        {
            name = name[..80];
        }

        var unique = Guid.NewGuid().ToString("N")[..8];
        return new TempDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "auditbridge-tests", $"{name}-{unique}"));
    }

    public string Combine(string relative) => System.IO.Path.Combine(Path, relative);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException)
        {
            // A child process may still hold a file open; the OS temp cleaner gets it later.
        }
    }
}
