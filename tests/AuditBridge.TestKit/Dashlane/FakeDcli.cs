using System.Text.Json;
using AuditBridge.Fakes.Dcli;

namespace AuditBridge.TestKit.Dashlane;

/// <summary>
/// A fake <c>dcli</c> ready to run: an executable wrapper script (<c>#!/bin/sh</c> + <c>exec dotnet …/AuditBridge.FakeDcli.dll</c>)
/// in a test's temporary directory, its configuration file, well-formed dummy keys, and the dataset it serves, so tests
/// can compare what a source emitted with what the fake holds (no gap, no repeat).
/// </summary>
public sealed class FakeDcli
{
    private readonly string _configPath;
    private IReadOnlyList<FakeDcliEvent>? _history;

    private FakeDcli(string directory, FakeDcliConfig config, string keys)
    {
        Directory = directory;
        _configPath = Path.Combine(directory, "fake-dcli.json");
        ExecutablePath = Path.Combine(directory, "dcli");
        InvocationLogPath = Path.Combine(directory, "invocations.jsonl");
        ReleaseFilePath = Path.Combine(directory, "release");
        Keys = keys;
        Config = config with { InvocationLog = InvocationLogPath, ReleaseFile = config.ReleaseFile ?? ReleaseFilePath };
    }

    /// <summary>The directory holding the script, the configuration and the records.</summary>
    public string Directory { get; }

    /// <summary>The executable to give the source as its dcli path.</summary>
    public string ExecutablePath { get; }

    /// <summary>Where the fake records each run (<see cref="FakeDcliInvocation"/>).</summary>
    public string InvocationLogPath { get; }

    /// <summary>The file whose creation ends a configured pause (<see cref="Release"/>).</summary>
    public string ReleaseFilePath { get; }

    /// <summary>A well-formed dummy DASHLANE_ENROLLED_TEAM_DEVICE_KEYS; the fake expects exactly this value.</summary>
    public string Keys { get; }

    /// <summary>The configuration in force.</summary>
    public FakeDcliConfig Config { get; private set; }

    /// <summary>The environment to give the source: the keys and the configuration path.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [FakeDcliKeys.EnvironmentVariable] = Keys,
        [FakeDcliConfig.EnvironmentVariable] = _configPath,
    };

    /// <summary>The whole generated history, oldest first.</summary>
    public IReadOnlyList<FakeDcliEvent> History => _history ??= FakeDcliDataset.Generate(Config);

    /// <summary>Writes the script and the configuration into <paramref name="directory"/>.</summary>
    public static FakeDcli Create(TempDirectory directory, FakeDcliConfig? config = null, int keySeed = 7)
    {
        var keys = FakeDcliKeys.Create(keySeed);
        var fake = new FakeDcli(directory.Path, (config ?? new FakeDcliConfig()) with { ExpectedKeys = (config ?? new FakeDcliConfig()).ExpectedKeys ?? keys }, keys);
        fake.Config.Save(fake._configPath);
        WriteScript(fake.ExecutablePath);
        return fake;
    }

    /// <summary>Writes an executable <c>#!/bin/sh</c> script at <paramref name="path"/> that runs the fake with its arguments.</summary>
    public static void WriteScript(string path)
    {
        var dll = Path.Combine(Path.GetDirectoryName(typeof(FakeDcliConfig).Assembly.Location)!, "AuditBridge.FakeDcli.dll");
        if (!File.Exists(dll) || !File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json")))
        {
            throw new InvalidOperationException($"{dll} or its runtimeconfig.json is missing: the TestKit's project reference to AuditBridge.FakeDcli copies them next to the tests.");
        }

        File.WriteAllText(path, $"#!/bin/sh\nexec \"{DotnetHost()}\" \"{dll}\" \"$@\"\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
    }

    /// <summary>Changes the configuration for the next runs (the dataset follows the new seed, count and times).</summary>
    public void Reconfigure(Func<FakeDcliConfig, FakeDcliConfig> change)
    {
        Config = change(Config) with { InvocationLog = InvocationLogPath };
        _history = null;
        Config.Save(_configPath);
    }

    /// <summary>What the fake prints for a window: every log of the window's whole UTC days, newest first.</summary>
    public IReadOnlyList<FakeDcliEvent> Printed(long startMs, long endMs) => FakeDcliDataset.Printed(History, startMs, endMs);

    /// <summary>The logs whose date_time lies in [start, end], oldest first: what a source must emit for that window.</summary>
    public IReadOnlyList<FakeDcliEvent> Between(DateTimeOffset start, DateTimeOffset end) =>
        FakeDcliDataset.Between(History, start.ToUnixTimeMilliseconds(), end.ToUnixTimeMilliseconds());

    /// <summary>Ends a configured pause.</summary>
    public void Release() => File.WriteAllText(ReleaseFilePath, "go");

    /// <summary>Every run so far, in order.</summary>
    public IReadOnlyList<FakeDcliInvocation> Invocations() => File.Exists(InvocationLogPath)
        ? [.. File.ReadAllLines(InvocationLogPath).Select(l => JsonSerializer.Deserialize<FakeDcliInvocation>(l, FakeDcliConfig.JsonOptions)!)]
        : [];

    // `dotnet test` tells child processes which host runs it; fall back to the one on PATH.
    private static string DotnetHost() =>
        System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
