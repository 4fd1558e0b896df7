using System.Runtime.CompilerServices;
using System.Text;

namespace AuditBridge.Core.Tests.Formats;

/// <summary>
/// Byte-for-byte comparison against <c>Formats/Golden/&lt;name&gt;</c> (copied to the output folder).
/// To regenerate after an intended change: <c>AUDITBRIDGE_UPDATE_GOLDEN=1 dotnet test tests/AuditBridge.Core.Tests</c>,
/// which rewrites the files in the source tree and fails every rewritten test so the mode can never pass silently;
/// then review <c>git diff</c> and run again without the variable.
/// </summary>
internal static class GoldenFile
{
    public const string UpdateVariable = "AUDITBRIDGE_UPDATE_GOLDEN";

    public static void AssertMatches(string name, byte[] actual, [CallerFilePath] string thisFile = "")
    {
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            var sourcePath = Path.Combine(Path.GetDirectoryName(thisFile)!, "Golden", name);
            var previous = File.Exists(sourcePath) ? File.ReadAllBytes(sourcePath) : null;
            if (previous is not null && previous.AsSpan().SequenceEqual(actual))
            {
                return;
            }

            File.WriteAllBytes(sourcePath, actual);
            Assert.Fail($"Golden file {sourcePath} was (re)written because {UpdateVariable}=1; review it and run again without the variable.");
        }

        var path = Path.Combine(AppContext.BaseDirectory, "Formats", "Golden", name);
        if (!File.Exists(path))
        {
            Assert.Fail($"Golden file {name} does not exist. Create it with {UpdateVariable}=1 dotnet test tests/AuditBridge.Core.Tests, then review it.");
        }

        var expected = File.ReadAllBytes(path);
        if (!expected.AsSpan().SequenceEqual(actual))
        {
            Assert.Fail(Describe(name, expected, actual));
        }
    }

    private static string Describe(string name, byte[] expected, byte[] actual)
    {
        var at = expected.AsSpan().CommonPrefixLength(actual);
        var from = Math.Max(0, at - 40);
        return $"""
            Golden file {name} differs at byte {at} (expected {expected.Length} bytes, got {actual.Length}).
              expected: {Excerpt(expected, from)}
              actual:   {Excerpt(actual, from)}
            If the change is intended: {UpdateVariable}=1 dotnet test tests/AuditBridge.Core.Tests, then review git diff.
            """;
    }

    private static string Excerpt(byte[] bytes, int from)
    {
        var length = Math.Min(100, Math.Max(0, bytes.Length - from));
        var text = Encoding.UTF8.GetString(bytes, from, length);
        return "…" + text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal) + "…";
    }
}
