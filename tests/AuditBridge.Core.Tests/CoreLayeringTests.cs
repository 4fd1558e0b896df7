using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using AuditBridge.Events;

namespace AuditBridge.Core.Tests;

/// <summary>
/// What Core may not depend on, checked on the compiled assembly (the analyzer's banned list, eng/BannedSymbols.Core.txt,
/// stops it at build time; this holds even if that list is edited).
/// </summary>
public sealed class CoreLayeringTests
{
    private static readonly string[] FileSystemTypes = ["File", "FileInfo", "FileStream", "Directory", "DirectoryInfo", "RandomAccess", "FileSystemInfo"];

    [Fact]
    public void CoreAssembly_ReferencesNoFileSystemType()
    {
        var referenced = TypeReferences(typeof(AuditEvent).Assembly.Location);

        Assert.All(FileSystemTypes, type => Assert.DoesNotContain("System.IO." + type, referenced));
    }

    private static List<string> TypeReferences(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        return [.. metadata.TypeReferences.Select(handle => metadata.GetTypeReference(handle))
            .Select(type => metadata.GetString(type.Namespace) + "." + metadata.GetString(type.Name))];
    }
}
