using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace AuditBridge.Sources.Dashlane;

/// <summary>
/// One run of the Dashlane CLI as a child process: no shell (arguments go through <see cref="ProcessStartInfo.ArgumentList"/>),
/// the parent's environment plus the configured variables, stdout read by the caller as a byte stream while it runs,
/// stderr drained in the background into a bounded tail (a chatty or hostile dcli cannot fill memory or block on a full
/// pipe). Disposing kills dcli and its children if they are still running.
/// </summary>
internal sealed partial class DcliProcess : IAsyncDisposable
{
    /// <summary>How many of dcli's last stderr lines are kept for messages.</summary>
    public const int StderrLinesKept = 12;

    /// <summary>
    /// Longest stderr line kept, to bound memory. Longer lines are cut here without a mark, and quoted as cut
    /// (<see cref="AuditBridge.Secrets.ExternalText"/> masks a secret across the cut): a line can echo the keys.
    /// </summary>
    public const int StderrLineChars = 8 * 1024;

    // After a kill the pipes close at once; this only bounds the wait if a grandchild kept stderr open.
    private static readonly TimeSpan StderrDrainLimit = TimeSpan.FromSeconds(5);

    private readonly Process _process;
    private readonly Task _stderrPump;
    private readonly Queue<string> _stderrTail = new();
    private readonly Lock _gate = new();
    private bool _stderrHasError;

    private DcliProcess(Process process)
    {
        _process = process;
        _stderrPump = PumpStderrAsync();
    }

    public int ProcessId => _process.Id;

    /// <summary>dcli's standard output, as bytes.</summary>
    public Stream Stdout => _process.StandardOutput.BaseStream;

    /// <summary>True when a stderr line so far starts with <c>error</c> (the CLI's logger prefix for failures).</summary>
    public bool StderrHasError
    {
        get
        {
            lock (_gate)
            {
                return _stderrHasError;
            }
        }
    }

    /// <summary>Starts dcli.</summary>
    /// <exception cref="Win32Exception">The executable cannot be started (missing, not executable).</exception>
    public static DcliProcess Start(string executable, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardErrorEncoding = Encoding.UTF8,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch
        {
            process.Dispose();
            throw;
        }

        // dcli never reads its input; closing it makes a prompt (a CLI asking for a master password) fail at once
        // instead of waiting for the timeout.
        process.StandardInput.Close();
        return new DcliProcess(process);
    }

    /// <summary>The last stderr lines, without terminal colour codes.</summary>
    public IReadOnlyList<string> StderrTail()
    {
        lock (_gate)
        {
            return [.. _stderrTail];
        }
    }

    /// <summary>Waits for dcli to exit and for its stderr to be drained; returns the exit code.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
        await DrainStderrAsync();
        return _process.ExitCode;
    }

    /// <summary>Kills dcli and every process it started, if still running; then drains stderr.</summary>
    public async Task KillAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited in the meantime.
        }
        catch (Win32Exception)
        {
            // Exited in the meantime, or already being reaped.
        }

        await DrainStderrAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    /// <summary>"error: …" (the CLI's logger and its top-level handler), not "errors: 0".</summary>
    internal static bool IsErrorLine(string line)
    {
        var trimmed = line.AsSpan().TrimStart();
        return trimmed.StartsWith("error", StringComparison.OrdinalIgnoreCase) && (trimmed.Length == 5 || !char.IsLetterOrDigit(trimmed[5]));
    }

    /// <summary>Removes ANSI escape sequences (the CLI colours its errors red).</summary>
    internal static string StripAnsi(string line) => AnsiEscape().Replace(line, string.Empty);

    private async Task DrainStderrAsync()
    {
        try
        {
            await _stderrPump.WaitAsync(StderrDrainLimit);
        }
        catch (TimeoutException)
        {
            // Keep what was read; the message says less, nothing else is affected.
        }
    }

    private async Task PumpStderrAsync()
    {
        var reader = _process.StandardError;
        try
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                var clean = StripAnsi(line);
                if (clean.Length > StderrLineChars)
                {
                    clean = clean[..StderrLineChars];
                }

                lock (_gate)
                {
                    if (string.IsNullOrWhiteSpace(clean))
                    {
                        continue;
                    }

                    _stderrHasError |= IsErrorLine(clean);
                    _stderrTail.Enqueue(clean);
                    if (_stderrTail.Count > StderrLinesKept)
                    {
                        _stderrTail.Dequeue();
                    }
                }
            }
        }
        catch (IOException)
        {
            // The pipe broke when dcli was killed.
        }
        catch (ObjectDisposedException)
        {
            // Disposed while reading.
        }
    }

    [GeneratedRegex(@"\x1B(?:\[[0-?]*[ -/]*[@-~]|[@-Z\\-_])")]
    private static partial Regex AnsiEscape();
}
