using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AuditBridge.TestKit.Receivers;

/// <summary>
/// Runs liblognorm's strict CEF parser (<c>lognormalizer</c> from Debian's liblognorm-utils 2.0.6, the parser behind
/// rsyslog's mmnormalize) over CEF records and returns what it parsed, so tests assert against a real receiver
/// instead of our own reading of the spec (shared/reference/cef-syslog.md §3.4, §3.5).
/// </summary>
/// <remarks>
/// A whole batch goes through one process: lognormalizer prints one JSON line per input line, in order.
/// When lognormalizer is missing the harness throws: a skipped parser check would look like a pass.
/// </remarks>
public static partial class Lognormalizer
{
    /// <summary>The failure message when the executable cannot be found.</summary>
    public const string NotFoundMessage = "lognormalizer not found: run ./test.sh, which installs liblognorm-utils";

    private const string Rulebase = "version=2\nrule=:%cef:cef%\n";

    /// <summary>Full path of <c>lognormalizer</c> on PATH (or in /usr/bin, /usr/sbin).</summary>
    /// <exception cref="InvalidOperationException">It is not installed (<see cref="NotFoundMessage"/>).</exception>
    public static string FindExecutable()
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/bin", "/usr/sbin", "/usr/local/bin"]);
        foreach (var directory in directories)
        {
            var candidate = Path.Combine(directory, "lognormalizer");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(NotFoundMessage);
    }

    /// <summary>
    /// Inserts a space after the 7th unescaped header pipe, as shared/validators/check-cef-lines.sh does: liblognorm
    /// 2.0.6 drops the first character of the first extension key otherwise (rsyslog/liblognorm#363). A leading space
    /// is legal CEF and the parser ignores it.
    /// </summary>
    public static string WithSpaceAfterHeader(string record) => HeaderPattern().Replace(record, "$1 ", 1);

    /// <summary>Parses <paramref name="records"/> (bare CEF payloads, one per element) in one lognormalizer run.</summary>
    /// <exception cref="ArgumentException">A record contains a raw CR or LF (it could never be one line).</exception>
    /// <exception cref="InvalidOperationException">lognormalizer is missing, failed, or printed an unexpected number of lines.</exception>
    public static async Task<IReadOnlyList<LognormalizerCefEvent>> ParseCefAsync(
        IReadOnlyList<string> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        for (var i = 0; i < records.Count; i++)
        {
            if (records[i].AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                throw new ArgumentException($"Record {i} contains a raw line break and cannot be one line: {records[i]}", nameof(records));
            }
        }

        var executable = FindExecutable();
        var rulebase = Path.Combine(Path.GetTempPath(), $"auditbridge-cef-{Guid.NewGuid():N}.rulebase");
        await File.WriteAllTextAsync(rulebase, Rulebase, cancellationToken);
        try
        {
            var lines = await RunAsync(executable, rulebase, records, cancellationToken);
            var results = new List<LognormalizerCefEvent>(records.Count);
            for (var i = 0; i < records.Count; i++)
            {
                results.Add(Read(records[i], lines[i]));
            }

            return results;
        }
        finally
        {
            File.Delete(rulebase);
        }
    }

    private static async Task<string[]> RunAsync(string executable, string rulebase, IReadOnlyList<string> records, CancellationToken cancellationToken)
    {
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = utf8,
            StandardOutputEncoding = utf8,
            StandardErrorEncoding = utf8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-r");
        start.ArgumentList.Add(rulebase);
        start.ArgumentList.Add("-e");
        start.ArgumentList.Add("json");

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        try
        {
            // Read while writing: a large batch would otherwise fill the pipe and deadlock both sides.
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            var input = new StringBuilder();
            foreach (var record in records)
            {
                input.Append(WithSpaceAfterHeader(record)).Append('\n');
            }

            await process.StandardInput.WriteAsync(input, cancellationToken);
            process.StandardInput.Close();
            await process.WaitForExitAsync(cancellationToken);
            var stdout = await output;
            var stderr = await errors;
            var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (process.ExitCode != 0 || lines.Length != records.Count)
            {
                throw new InvalidOperationException(
                    $"lognormalizer exited with {process.ExitCode} and printed {lines.Length} lines for {records.Count} records. stderr: {stderr}");
            }

            return lines;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    private static LognormalizerCefEvent Read(string record, string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        if (!root.TryGetProperty("cef", out var cef))
        {
            return new LognormalizerCefEvent(record, false, null, null, null, null, null, null, new Dictionary<string, string>(), [], line);
        }

        var extensions = new Dictionary<string, string>(StringComparer.Ordinal);
        var keys = new List<string>();
        if (cef.TryGetProperty("Extensions", out var extensionElement))
        {
            foreach (var property in extensionElement.EnumerateObject())
            {
                keys.Add(property.Name);
                extensions[property.Name] = property.Value.GetString() ?? string.Empty;
            }
        }

        return new LognormalizerCefEvent(
            record,
            true,
            Text(cef, "DeviceVendor"),
            Text(cef, "DeviceProduct"),
            Text(cef, "DeviceVersion"),
            Text(cef, "SignatureID"),
            Text(cef, "Name"),
            Text(cef, "Severity"),
            extensions,
            keys,
            line);
    }

    private static string? Text(JsonElement cef, string name) =>
        cef.TryGetProperty(name, out var value) ? value.GetString() : null;

    [GeneratedRegex(@"^(CEF:[0-9]+(\|([^|\\]|\\.)*){6}\|)")]
    private static partial Regex HeaderPattern();
}
