using System.Diagnostics;
using System.Text;

namespace AuditBridge.Connectors.Tests.Journal.Sqlite;

/// <summary>The test's handle on a <see cref="JournalCrashChild"/>: its output lines, and SIGKILL.</summary>
internal sealed class CrashChildProcess : IDisposable
{
    // Starting .NET and the journal on a loaded two-core CI machine; a real wait for a real process, with a bound.
    private static readonly TimeSpan LineTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _errors = new();

    private CrashChildProcess(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_errors)
                {
                    _errors.AppendLine(e.Data);
                }
            }
        };
        _process.BeginErrorReadLine();
    }

    public static CrashChildProcess Start(params string[] command)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var assembly = typeof(JournalCrashChild).Assembly.Location;
        start.ArgumentList.Add(assembly);
        start.Environment["DOTNET_STARTUP_HOOKS"] = assembly;
        start.Environment[JournalCrashChild.Variable] = string.Join('|', command);
        return new CrashChildProcess(Process.Start(start) ?? throw new InvalidOperationException("could not start the crash child"));
    }

    /// <summary>The next line the child wrote; fails the test (with the child's errors) when it ended instead.</summary>
    public async Task<string> ReadLineAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(LineTimeout);
        var line = await _process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line is null)
        {
            await _process.WaitForExitAsync(timeout.Token);
            Assert.Fail($"the crash child ended (exit {_process.ExitCode}) instead of writing a line:\n{Errors}");
        }

        return line;
    }

    /// <summary>Reads lines up to and including <paramref name="expected"/>; returns the lines before it.</summary>
    public async Task<List<string>> ReadUntilAsync(string expected)
    {
        var before = new List<string>();
        for (var line = await ReadLineAsync(); line != expected; line = await ReadLineAsync())
        {
            before.Add(line);
        }

        return before;
    }

    /// <summary>SIGKILL: no finally block, no flush, no close; the kernel drops the file locks.</summary>
    public async Task<List<string>> KillAsync()
    {
        _process.Kill();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(LineTimeout);
        await _process.WaitForExitAsync(timeout.Token);

        // Lines the child wrote before it died may still sit in the pipe.
        var rest = await _process.StandardOutput.ReadToEndAsync(timeout.Token);
        return [.. rest.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }
}
