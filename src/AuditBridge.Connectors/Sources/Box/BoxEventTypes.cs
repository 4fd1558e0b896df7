using System.Collections.Frozen;

namespace AuditBridge.Sources.Box;

/// <summary>
/// Box event types with their AuditBridge category and Box's description, read from the embedded
/// <c>box-event-types.tsv</c>: the 201 types of Box's OpenAPI response enum (saas-apis.md B.7), categorised as
/// docs/formats/box.md explains, with the descriptions of Box's enterprise event table (seeds/003). Data, not code:
/// a type Box adds later is one line.
/// </summary>
internal sealed class BoxEventTypes
{
    /// <summary>Category of every event type not in the table.</summary>
    public const string OtherCategory = "other";

    private const string ResourceName = "AuditBridge.Sources.Box.box-event-types.tsv";

    private static readonly Lazy<BoxEventTypes> Loaded = new(Load);

    private readonly FrozenDictionary<string, (string Category, string? Description)> _types;

    private BoxEventTypes(FrozenDictionary<string, (string Category, string? Description)> types) => _types = types;

    public static BoxEventTypes Instance => Loaded.Value;

    public int Count => _types.Count;

    public IEnumerable<string> Names => _types.Keys;

    /// <summary>The category of <paramref name="eventType"/>, or <see cref="OtherCategory"/>.</summary>
    public string CategoryOf(string eventType) => _types.TryGetValue(eventType, out var entry) ? entry.Category : OtherCategory;

    /// <summary>Box's description of <paramref name="eventType"/>, or null when Box's table has none.</summary>
    public string? DescriptionOf(string eventType) => _types.TryGetValue(eventType, out var entry) ? entry.Description : null;

    private static BoxEventTypes Load()
    {
        using var stream = typeof(BoxEventTypes).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource '{ResourceName}' is missing from {typeof(BoxEventTypes).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        var types = new Dictionary<string, (string, string?)>(StringComparer.Ordinal);
        _ = reader.ReadLine();
        var line = 1;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Length == 0)
            {
                continue;
            }

            // A row without a description may have lost its trailing tab to an editor.
            var columns = text.Split('\t');
            if (columns.Length is < 2 or > 3 || columns[0].Length == 0 || columns[1].Length == 0 || !types.TryAdd(columns[0], (columns[1], columns.Length == 3 && columns[2].Length > 0 ? columns[2] : null)))
            {
                throw new InvalidOperationException($"{ResourceName} line {line} is not 'EVENT_TYPE<TAB>category<TAB>description' or repeats a type: {text}");
            }
        }

        return new BoxEventTypes(types.ToFrozenDictionary(StringComparer.Ordinal));
    }
}
