using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using AuditBridge.Events;
using AuditBridge.TestKit;

namespace AuditBridge.Core.Tests;

/// <summary>
/// What Core and its formats may not depend on. File access is checked on the compiled assembly (the analyzer's banned
/// list, eng/BannedSymbols.Core.txt, stops it at build time; this holds even if that list is edited) and the vendor
/// product names in the sources. What one format may name of another (LEEF nothing of CEF, CSV nothing of the JSON
/// formatter) is a row of the repository's LayeringTests.
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

    [Fact]
    public void Core_NamesNoVendorProduct()
    {
        var offending = SourceLines("src/AuditBridge.Core", new Regex("Dropbox Activity Log|Box Enterprise Events|Dashlane Audit Logs"));

        Assert.Empty(offending);
    }

    /// <summary>Every <c>path:line: text</c> of the C# files under <paramref name="folder"/> that <paramref name="pattern"/> matches.</summary>
    private static List<string> SourceLines(string folder, Regex pattern) =>
    [
        .. Directory.EnumerateFiles(RepositoryFiles.Combine(folder), "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => File.ReadLines(file).Select((text, index) => (file, line: index + 1, text)))
            .Where(line => pattern.IsMatch(line.text))
            .Select(line => $"{Path.GetRelativePath(RepositoryFiles.Root, line.file)}:{line.line}: {line.text.Trim()}"),
    ];

    private static List<string> TypeReferences(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        return [.. metadata.TypeReferences.Select(handle => metadata.GetTypeReference(handle))
            .Select(type => metadata.GetString(type.Namespace) + "." + metadata.GetString(type.Name))];
    }
}
