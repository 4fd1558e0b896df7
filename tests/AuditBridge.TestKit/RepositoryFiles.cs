namespace AuditBridge.TestKit;

/// <summary>Files of the repository the tests run from (scripts, example configuration).</summary>
public static class RepositoryFiles
{
    /// <summary>The repository root: the first folder above the test's binaries that holds <c>AuditBridge.slnx</c>.</summary>
    public static string Root
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "AuditBridge.slnx")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("AuditBridge.slnx not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>A path under <see cref="Root"/>.</summary>
    public static string Combine(string relativePath) => Path.Combine(Root, relativePath);
}
