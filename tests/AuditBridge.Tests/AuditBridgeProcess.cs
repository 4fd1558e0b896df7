using System.Diagnostics;
using System.Runtime.InteropServices;

namespace AuditBridge.Tests;

/// <summary>The real executable in its own process, for signals, kill -9 and anything that needs a process boundary.</summary>
internal static class AuditBridgeProcess
{
    public const int Sigint = 2;
    public const int Sigkill = 9;
    public const int Sigterm = 15;

    static AuditBridgeProcess()
    {
        // A test run started in the background of a non-interactive shell inherits SIGINT ignored, and a child keeps
        // an ignored signal across exec (POSIX): auditbridge would never see the SIGINT a test sends. Give children the
        // default disposition again; the runtime installed no handler of its own for an ignored SIGINT.
        if (IsIgnored(Sigint))
        {
            _ = SetDisposition(Sigint, IntPtr.Zero);
        }
    }

    public static Process Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "auditbridge.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException("could not start auditbridge");
    }

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; returns kill(2)'s result (0 on success).</summary>
    public static int Signal(int pid, int signal) => Kill(pid, signal);

    private static bool IsIgnored(int signal)
    {
        const string Prefix = "SigIgn:";
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(Prefix, StringComparison.Ordinal));
        return line is not null
            && ulong.TryParse(line.AsSpan(Prefix.Length).Trim(), System.Globalization.NumberStyles.HexNumber, null, out var mask)
            && (mask & (1UL << (signal - 1))) != 0;
    }

    // LibraryImport would need unsafe code in the test project; plain P/Invokes of kill(2) and signal(2) are enough here.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [DllImport("libc", EntryPoint = "signal", SetLastError = true)]
    private static extern IntPtr SetDisposition(int signal, IntPtr handler);
#pragma warning restore SYSLIB1054
}
