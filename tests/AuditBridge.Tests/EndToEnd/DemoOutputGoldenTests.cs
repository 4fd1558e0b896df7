using System.Security.Cryptography;
using AuditBridge.Shell;
using AuditBridge.TestKit;
using AuditBridge.Tests.Cli;

namespace AuditBridge.Tests.EndToEnd;

/// <summary>
/// The demo's files for the same data are byte for byte what they were when this was pinned: a refactoring of the
/// sources, mappers, formats or sinks must not change one byte a SIEM receives. The demo's data is deterministic
/// (seeded simulators, a fixed fake clock), so every file has one SHA-256. A change that means to alter the output
/// (a format fix) updates the pins in the same commit and says why.
/// </summary>
public sealed class DemoOutputGoldenTests
{
    // ./auditbridge demo at its default 5,000 events per vendor, pinned before the component model and shared engines
    // (issue 6) replaced the per-vendor and per-format code.
    private static readonly Dictionary<string, string> Pinned = new(StringComparer.Ordinal)
    {
        ["dropbox.cef"] = "f257ed29c650e28dd5340af663028d8803fae59465b2a8e55ead22abc018fbb8",
        ["dropbox.leef"] = "41b9249684dcfe968f75cbc7791fde20da4894db772dffcf70cf42c3471a1a00",
        ["dropbox.jsonl"] = "2f79bd23ba50ce9a619bb55f2e936477bc4efabb85b4dd9a91b679a5d580db46",
        ["dropbox.csv"] = "7efbdfdf4439395f45dd8a4bf15d8571925c6a2d28350a38866e90a37eff5033",
        ["box.cef"] = "2a24657a3483b28659ee60b62d15ff6db1837d3bfe98b152ef556fa443f1a0eb",
        ["box.leef"] = "a7ffdc724947107aa77175ba7320680428b7590bc2029e3c17662468d8f7738e",
        ["box.jsonl"] = "7d8935d85e066c3d980df8465e69032c113cb7f392e6726b841cd3908a3f165f",
        ["box.csv"] = "3fee5d126b205b3ab05d51897ab4d412648c0da053202d9fa39777815ccfbad0",
        ["dashlane.cef"] = "0835603d1971eafae667571d9736e51aaa7a10addfef0855530f42d926c0e610",
        ["dashlane.leef"] = "abf975126824c3ce7b5aeef9df98a2f6f2554e1c928748049770d5d5ae68062c",
        ["dashlane.jsonl"] = "f8ae84621b4c408f21f0017cdf4d3334e1e7d9a45611dbb48eff277aa2ca3070",
        ["dashlane.csv"] = "a3ca1fb6b27db92b05636196adb736a06e53145aa4de5b323adcce740be756bf",
    };

    [Fact]
    public async Task Demo_EveryFileOfEveryVendorAndFormat_IsByteForByteAsPinned()
    {
        using var directory = TempDirectory.ForCaller();

        var run = await CliRunner.RunAsync(["demo", "--daemon-seconds", "0"], workingDirectory: directory.Path);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var actual = Pinned.Keys.ToDictionary(name => name, name => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(directory.Combine("demo-output/" + name)))), StringComparer.Ordinal);

        // The whole table as it would be pinned, for the commit that changes an output on purpose.
        foreach (var (name, hash) in actual)
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"        [\"{name}\"] = \"{hash}\",");
        }

        Assert.Equal(Pinned, actual);
    }
}
