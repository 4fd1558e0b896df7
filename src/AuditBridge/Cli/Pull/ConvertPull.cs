using System.Globalization;
using AuditBridge.Shell;
using AuditBridge.Sources;
using AuditBridge.Sources.Files;

namespace AuditBridge.Cli.Pull;

/// <summary>
/// <c>convert</c>: vendor events someone already exported (an API page, a JSON array, JSON lines) through the same
/// mapping, formats and outputs as a pull.
/// </summary>
internal sealed class ConvertPull(string vendor, string input, bool skipInvalid) : VendorPull
{
    private IConvertStatistics? _statistics;

    public override string Vendor => vendor;

    public override PreparedPull Prepare(PullEnvironment environment)
    {
        IVendorEventMapper mapper;
        try
        {
            mapper = VendorEventMappers.Create(vendor, vendor, environment.Severity);
        }
        catch (ArgumentException)
        {
            throw new UsageException($"--vendor must be one of {string.Join(", ", VendorEventMappers.Vendors)}, got '{vendor}'");
        }

        var (stream, name) = Open(environment);
        return new PreparedPull(
            new Dictionary<string, string>(),
            () =>
            {
                var source = ConvertSourceFactory.Create(stream, mapper, new ConvertSourceOptions { Name = name, SkipInvalid = skipInvalid });
                _statistics = (IConvertStatistics)source;
                return new OwningSource(source, stream, isStandardInput: input == "-");
            });
    }

    public override IEnumerable<string> AfterRun()
    {
        if (_statistics is { Skipped: > 0 } statistics)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"skipped {statistics.Skipped:N0} invalid events; the first: {statistics.FirstSkipped}");
        }
    }

    private (Stream Stream, string Name) Open(PullEnvironment environment)
    {
        if (input == "-")
        {
            return (environment.Context.StandardInput, "stdin");
        }

        var path = environment.FullPath(input);
        try
        {
            return (new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, useAsync: true), input);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{input}: cannot open it ({e.Message})", ExitCodes.InvalidInput);
        }
    }

    /// <summary>Closes the input file with the source (never standard input).</summary>
    private sealed class OwningSource(ISource inner, Stream stream, bool isStandardInput) : ISource, IDisposable
    {
        public IAsyncEnumerable<SourcePage> ReadAsync(Checkpoint? resumeFrom, CancellationToken cancellationToken) => inner.ReadAsync(resumeFrom, cancellationToken);

        public void Dispose()
        {
            if (!isStandardInput)
            {
                stream.Dispose();
            }
        }
    }
}
