using System.Globalization;
using System.Text;
using System.Text.Json;
using AuditBridge.Fakes.Dcli;

// A stand-in for `dcli team logs` (Dashlane CLI 6.x): same arguments, same JSON-lines output, same failure shapes.
// Configuration: the JSON file named by AUDITBRIDGE_FAKE_DCLI_CONFIG (README.md).
return FakeDcliProgram.Run(args);

/// <summary>The fake's entry point, in a class so tests could call it in-process too.</summary>
internal static class FakeDcliProgram
{
    private const string Red = "\u001b[31m";
    private const string Reset = "\u001b[0m";

    private static readonly JsonSerializerOptions OneLine = new(FakeDcliConfig.JsonOptions) { WriteIndented = false };

    // With echo_keys: what every error message adds (the keys, and a BEL for the terminal).
    private static string _echo = string.Empty;

    public static int Run(string[] args)
    {
        var configPath = Environment.GetEnvironmentVariable(FakeDcliConfig.EnvironmentVariable);
        if (string.IsNullOrEmpty(configPath))
        {
            Console.Error.WriteLine($"fake dcli: {FakeDcliConfig.EnvironmentVariable} is not set (it names the JSON configuration file)");
            return 2;
        }

        var config = FakeDcliConfig.Load(configPath);
        var keys = Environment.GetEnvironmentVariable(FakeDcliKeys.EnvironmentVariable);
        Record(config, args, keys);
        _echo = config.EchoKeys ? $" (keys in use: {keys}\u0007)" : string.Empty;

        if (Parse(args) is not { } window)
        {
            return 1;
        }

        // The CLI reads its credentials when it starts (src/utils/enrolledTeamDeviceCredentials.ts): a malformed value
        // crashes it with a stack trace, a missing one fails the command.
        if (keys is not null && !FakeDcliKeys.IsWellFormed(keys))
        {
            Console.Error.WriteLine("file:///snapshot/dashlane-cli/dist/index.js:2");
            Console.Error.WriteLine("            throw new EnrolledTeamDeviceCredentialsWrongFormatError();");
            Console.Error.WriteLine("            ^");
            Console.Error.WriteLine();
            Console.Error.WriteLine("EnrolledTeamDeviceCredentialsWrongFormatError: Enrolled team device credentials has a wrong format");
            Console.Error.WriteLine("    at initEnrolledTeamDeviceCredentials (file:///snapshot/dashlane-cli/dist/index.js:2:4211)");
            Console.Error.WriteLine();
            Console.Error.WriteLine("Node.js v22.12.0");
            return 1;
        }

        if (keys is null)
        {
            Error("Could not find enrolled team device credentials");
            return 1;
        }

        if (config.Failure == "maintenance")
        {
            // The 2025 CLI logged this and exited 0 with no output.
            Console.Error.WriteLine(Red + "error" + Reset + ": We are undergoing scheduled security maintenance for the Dashlane CLI’s audit logs commands. During this time, you will not be able to access the audit logs via the CLI." + _echo);
            return 0;
        }

        if (config.ExpectedKeys is not null && !string.Equals(config.ExpectedKeys, keys, StringComparison.Ordinal))
        {
            return RejectKeys(keys);
        }

        var history = FakeDcliDataset.Generate(config);
        var printed = FakeDcliDataset.Printed(history, window.StartMs, window.EndMs);
        var failAt = config.Failure is null ? int.MaxValue : config.FailAfterLines;
        using var stdout = Console.OpenStandardOutput();
        var streaming = config.PauseAfterLines is not null || config.HangAfterLines is not null || config.LineDelayMs > 0;
        var line = 0;
        foreach (var log in printed)
        {
            if (line == failAt)
            {
                break;
            }

            if (line == config.HangAfterLines)
            {
                stdout.Flush();
                Thread.Sleep(Timeout.Infinite);
            }

            if (line == config.PauseAfterLines)
            {
                stdout.Flush();
                WaitForRelease(config.ReleaseFile);
            }

            line++;
            var text = line == config.InvalidLineAt ? "Query state: RUNNING {\"uuid\": " : log.Line;
            if (window.HumanReadable)
            {
                text = text[..^1] + ",\"date_time_iso\":\"" + FakeDcliDataset.Iso(log.DateTimeMs) + "\"}";
            }

            if (config.CutLastLine && line == printed.Count)
            {
                stdout.Write(Encoding.UTF8.GetBytes(text[..(text.Length / 2)]));
                stdout.Flush();
                return config.CutExitCode;
            }

            stdout.Write(Encoding.UTF8.GetBytes(text));
            stdout.WriteByte((byte)'\n');
            if (streaming)
            {
                stdout.Flush();
            }

            if (config.LineDelayMs > 0)
            {
                Thread.Sleep(config.LineDelayMs);
            }
        }

        if (line == config.HangAfterLines)
        {
            stdout.Flush();
            Thread.Sleep(Timeout.Infinite);
        }

        stdout.Flush();
        if (config.StderrNoise is { } noise)
        {
            Console.Error.WriteLine(noise);
        }

        return config.Failure switch
        {
            null => 0,
            "server_rejected_keys" => RejectKeys(keys),
            "query_failed" => Fail("Query execution did not succeed: FAILED"),
            "network" => Fail("getaddrinfo ENOTFOUND api.dashlane.com"),
            _ => Fail("fake dcli: unknown failure '" + config.Failure + "'"),
        };
    }

    private static int RejectKeys(string keys)
    {
        // Echo the access key, as an error message of a real tool might: the caller must redact it.
        var accessKey = keys.Split('-')[0];
        Error($"Request failed with business_error invalid_authentication: the enrolled device {accessKey} could not be authenticated (full keys: {keys})");
        return 1;
    }

    private static int Fail(string message)
    {
        Error(message);
        return 1;
    }

    private static void Error(string message) => Console.Error.WriteLine(Red + "error: " + message + _echo + Reset);

    private static Window? Parse(string[] args)
    {
        if (args.Length < 2 || args[0] is not ("team" or "t") || args[1] is not ("logs" or "l"))
        {
            Error($"unknown command '{string.Join(' ', args.Take(2))}'");
            return null;
        }

        string start = "0", end = "now";
        var humanReadable = false;
        for (var i = 2; i < args.Length; i++)
        {
            var arg = args[i];
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? arg[..equals] : arg;
            string? Value()
            {
                if (equals > 0)
                {
                    return arg[(equals + 1)..];
                }

                if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    return args[++i];
                }

                Error($"option '{name} <{name[2..]}>' argument missing");
                return null;
            }

            switch (name)
            {
                case "--start":
                    if (Value() is not { } s)
                    {
                        return null;
                    }

                    start = s;
                    break;
                case "--end":
                    if (Value() is not { } e)
                    {
                        return null;
                    }

                    end = e;
                    break;
                case "--human-readable":
                    humanReadable = true;
                    break;
                case "--debug":
                    break;
                case "--csv":
                    Console.Error.WriteLine("fake dcli: --csv is not implemented");
                    return null;
                default:
                    // --type and --category were removed in 2024 (PR #274): the current CLI rejects them.
                    Error($"unknown option '{name}'");
                    return null;
            }
        }

        if (!long.TryParse(start, NumberStyles.None, CultureInfo.InvariantCulture, out var startMs))
        {
            Error($"option '--start <start>' argument '{start}' is invalid: expected epoch milliseconds");
            return null;
        }

        long endMs;
        if (end == "now")
        {
            endMs = DateTimeOffset.Now.ToUnixTimeMilliseconds();
        }
        else if (!long.TryParse(end, NumberStyles.None, CultureInfo.InvariantCulture, out endMs))
        {
            Error($"option '--end <end>' argument '{end}' is invalid: expected epoch milliseconds or now");
            return null;
        }

        return new Window(startMs, endMs, humanReadable);
    }

    private static void WaitForRelease(string? releaseFile)
    {
        if (releaseFile is null)
        {
            Console.Error.WriteLine("fake dcli: pause_after_lines needs release_file");
            Environment.Exit(2);
        }

        // A test helper waiting for its test, not product code: plain polling is fine here.
        while (!File.Exists(releaseFile))
        {
            Thread.Sleep(5);
        }
    }

    private static void Record(FakeDcliConfig config, string[] args, string? keys)
    {
        if (config.InvocationLog is not { } path)
        {
            return;
        }

        var entry = new FakeDcliInvocation
        {
            Pid = Environment.ProcessId,
            Args = args,
            KeysPresent = keys is not null,
            KeysMatch = config.ExpectedKeys is null ? null : string.Equals(config.ExpectedKeys, keys, StringComparison.Ordinal),
            DashlaneVariables = [.. Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(k => k.StartsWith("DASHLANE_", StringComparison.Ordinal)).Order(StringComparer.Ordinal)],
        };
        File.AppendAllText(path, JsonSerializer.Serialize(entry, OneLine) + "\n");
    }

    private sealed record Window(long StartMs, long EndMs, bool HumanReadable);
}
