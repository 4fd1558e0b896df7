using System.Text;
using AuditBridge.Events.Severity;
using AuditBridge.TestKit;

namespace AuditBridge.Connectors.Tests.Events.Severity;

/// <summary>The severity map file (<c>--severity-map</c>, <c>severity.map_file</c>), read here: Core only parses documents.</summary>
public sealed class SeverityPolicyFileTests
{
    [Fact]
    public void WithFile_UserEntries_ReplaceDefaultsAndKeepTheRest()
    {
        using var directory = TempDirectory.ForCaller();
        var path = directory.Combine("severity.json");
        File.WriteAllText(path, """
            // Our SOC's view: sharing matters more, file requests less.
            {
              "default": 4,
              "vendors": {
                "dropbox": {
                  "categories": { "sharing": 6, "protect": 8, "comments": null },
                  "event_types": { "shared_link_create": 7, "tfa_reset": null, },
                },
                "box": { "default": 3, "event_types": { "FILE_MARKED_MALICIOUS": 10 } },
                "acme": { "default": 1 }
              }
            }
            """);

        var policy = SeverityPolicy.BuiltIn.WithFile(path);

        Assert.Equal(4, policy.DefaultSeverity);
        Assert.Equal(6, policy.Resolve("dropbox", "sharing", "shared_folder_create"));
        Assert.Equal(7, policy.Resolve("dropbox", "sharing", "shared_link_create"));
        Assert.Equal(8, policy.Resolve("dropbox", "protect", "x"));
        Assert.Equal(4, policy.Resolve("dropbox", "comments", "x"));
        Assert.Equal(9, policy.Resolve("dropbox", "tfa", "tfa_reset"));
        Assert.Equal(9, policy.Resolve("dropbox", "logins", "sign_in_as_session_start"));
        Assert.Equal(3, policy.Resolve("dropbox", "file_operations", "file_add"));
        Assert.Equal(10, policy.Resolve("box", "x", "file_marked_malicious"));
        Assert.Equal(3, policy.Resolve("box", "x", "DOWNLOAD"));
        Assert.Equal(1, policy.Resolve("acme", "x", "y"));
        Assert.Equal(0, SeverityPolicy.BuiltIn.Resolve("dropbox", "comments", "x"));
    }

    public static TheoryData<string, int, int, string, string> MalformedFiles => new()
    {
        { "{\n  \"vendors\": {\n    \"dropbox\": {\n      \"categories\": { \"sharing\": 11 }\n    }\n  }\n}", 4, 34, "vendors.dropbox.categories.sharing", "severity must be an integer from 0 to 10" },
        { "{\n  \"vendors\": {\n    \"dropbox\": {\n      \"event_types\": { \"tfa_reset\": \"9\" }\n    }\n  }\n}", 4, 37, "vendors.dropbox.event_types.tfa_reset", "found a string" },
        { "{\n  \"vendors\": {\n    \"dropbox\": {\n      \"event_types\": { \"tfa_reset\": 7.5 }\n    }\n  }\n}", 4, 37, "vendors.dropbox.event_types.tfa_reset", "found 7.5" },
        { "{\n  \"default\": null\n}", 2, 14, "default", "severity must be an integer from 0 to 10, found null" },
        { "{\n  \"vendors\": {\n    \"dropbox\": {\n      \"event_type\": {}\n    }\n  }\n}", 4, 7, "vendors.dropbox.event_type", "unknown key" },
        { "{\n  \"severity\": 5\n}", 2, 3, "severity", "unknown key" },
        { "{\n  \"vendors\": {\n    \"box\": { \"default\": 3, \"DEFAULT\": 4 }\n  }\n}", 3, 28, "vendors.box.DEFAULT", "duplicate key" },
        { "{\n  \"vendors\": [ ]\n}", 2, 14, "vendors", "'vendors' must be an object" },
        { "[1, 2]", 1, 1, "", "the document must be a JSON object" },
        { "{\n  \"vendors\": {\n    \"dropbox\": {\n      \"categories\": { \"sharing\": 4 \n    }\n  }\n}", 7, 2, "vendors.dropbox.categories.sharing", "invalid JSON" },
        { "{\n  \"default\": 5,\n  \"default\": 6\n}", 3, 3, "default", "duplicate key" },
        { "{\"default\": 5} trailing", 1, 16, "default", "invalid JSON" },
    };

    [Theory]
    [MemberData(nameof(MalformedFiles))]
    public void WithFile_Malformed_NamesFileLineColumnAndKey(string content, int line, int column, string key, string problem)
    {
        using var directory = TempDirectory.ForCaller();
        var path = directory.Combine("severity.json");
        File.WriteAllText(path, content, new UTF8Encoding(false));

        var exception = Assert.Throws<SeverityPolicyException>(() => SeverityPolicy.BuiltIn.WithFile(path));

        Assert.Equal((path, line, column, key), (exception.FilePath, exception.Line, exception.Column, exception.Key));
        Assert.StartsWith($"{path}:{line}:{column}: ", exception.Message, StringComparison.Ordinal);
        Assert.Contains(problem, exception.Message, StringComparison.Ordinal);
        if (key.Length > 0)
        {
            Assert.EndsWith($"(key '{key}')", exception.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void WithFile_MissingFile_ThrowsFileNotFound()
    {
        using var directory = TempDirectory.ForCaller();

        Assert.Throws<FileNotFoundException>(() => SeverityPolicy.BuiltIn.WithFile(directory.Combine("missing.json")));
    }
}
