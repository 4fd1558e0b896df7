using System.Diagnostics;
using System.Runtime.InteropServices;

namespace AuditBridge.Tests;

/// <summary>The real executable in its own process, for signals, kill -9 and anything that needs a process boundary.</summary>
internal static class AuditBridgeProcess
{
    public const int Sigint = 2;
    public const int Sigkill = 9;
    public const int Sigterm = 15;

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

    // LibraryImport would need unsafe code in the test project; a plain P/Invoke of kill(2) is enough here.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
#pragma warning disable SYSLIB1054
    private static extern int Kill(int pid, int signal);
#pragma warning restore SYSLIB1054
}
