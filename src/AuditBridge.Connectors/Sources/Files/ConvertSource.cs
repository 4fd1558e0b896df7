using System.Runtime.CompilerServices;
using System.Text.Json;
using AuditBridge.Events;

namespace AuditBridge.Sources.Files;

/// <summary>
/// Vendor events from a file (an exported API page, a JSON array or JSON lines) mapped to normalized events, in pages.
/// An event that is not valid JSON, not an event of the vendor, or that cannot be mapped stops the read with its line and
/// byte offset, or is skipped and counted with <see cref="ConvertSourceOptions.SkipInvalid"/>.
/// </summary>
internal sealed class ConvertSource(Stream input, IVendorEventMapper mapper, ConvertSourceOptions options) : ISource, IConvertStatistics
{
    public long Skipped { get; private set; }

    public string? FirstSkipped { get; private set; }

    public EventFileLayout? Layout { get; private set; }

    public async IAsyncEnumerable<SourcePage> ReadAsync(Checkpoint? resumeFrom, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = new EventFileReader(input, options.Name);
        var page = new List<AuditEvent>(options.PageSize);
        IAsyncEnumerator<EventFileEntry>? entries = null;
        try
        {
            entries = reader.ReadAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                try
                {
                    if (!await entries.MoveNextAsync())
                    {
                        break;
                    }
                }
                catch (EventFileFormatException broken)
                {
                    throw new SourceException(SourceErrorKind.InvalidInput, broken.Message, isTransient: false, broken);
                }

                Layout = reader.Layout;
                var entry = entries.Current;
                var mapped = Map(entry);
                if (mapped is not null)
                {
                    page.Add(mapped);
                }

                if (page.Count == options.PageSize)
                {
                    yield return new SourcePage(page, Checkpoint.Empty, HasMore: true);
                    page = new List<AuditEvent>(options.PageSize);
                }
            }

            Layout = reader.Layout;
            yield return new SourcePage(page, Checkpoint.Empty, HasMore: false);
        }
        finally
        {
            if (entries is not null)
            {
                await entries.DisposeAsync();
            }
        }
    }

    private AuditEvent? Map(EventFileEntry entry)
    {
        string problem;
        try
        {
            using var document = JsonDocument.Parse(entry.Json);
            var root = document.RootElement;
            var invalid = root.ValueKind == JsonValueKind.Object ? mapper.Validate(root) : $"is a JSON {root.ValueKind}, not an event object";
            if (invalid is not null)
            {
                problem = $"not a {mapper.Vendor} event: it {invalid.TrimStart()}";
            }
            else if (EventQuarantine.TryMap((Mapper: mapper, Root: root), static state => state.Mapper.Map(state.Root), out var mapped, out var error))
            {
                return mapped;
            }
            else
            {
                problem = $"a {mapper.Vendor} event that cannot be converted ({error})";
            }
        }
        catch (JsonException json)
        {
            problem = "not valid JSON: " + json.Message.Split(" LineNumber:", 2)[0].Split(" Path:", 2)[0];
        }

        var where = $"{options.Name}:{entry.Line}: {problem} (byte offset {entry.Offset})";
        if (!options.SkipInvalid)
        {
            throw new SourceException(SourceErrorKind.InvalidInput, where + "; fix the input, or add --skip-invalid to skip such events and count them", isTransient: false);
        }

        Skipped++;
        FirstSkipped ??= where;
        return null;
    }
}
