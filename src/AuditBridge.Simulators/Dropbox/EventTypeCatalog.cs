namespace AuditBridge.Simulators.Dropbox;

/// <summary>The 631 Dropbox event types with their category and description, read from the embedded TSV.</summary>
internal sealed class EventTypeCatalog
{
    private const string ResourceName = "AuditBridge.Simulators.Dropbox.dropbox-event-types.tsv";

    private static readonly Lazy<EventTypeCatalog> Loaded = new(Load);

    private EventTypeCatalog(string[] tags, int[] categoryOf, string[] descriptions, string[] categories)
    {
        Tags = tags;
        CategoryOf = categoryOf;
        Descriptions = descriptions;
        Categories = categories;
        TagIndex = new Dictionary<string, int>(tags.Length, StringComparer.Ordinal);
        for (var i = 0; i < tags.Length; i++)
        {
            TagIndex.Add(tags[i], i);
        }

        CategoryIndex = new Dictionary<string, int>(categories.Length, StringComparer.Ordinal);
        for (var i = 0; i < categories.Length; i++)
        {
            CategoryIndex.Add(categories[i], i);
        }
    }

    public static EventTypeCatalog Instance => Loaded.Value;

    /// <summary>Event type tags in file order.</summary>
    public string[] Tags { get; }

    /// <summary>Index into <see cref="Categories"/> for each event type.</summary>
    public int[] CategoryOf { get; }

    /// <summary>Descriptions without the spec's <c>(category) </c> prefix.</summary>
    public string[] Descriptions { get; }

    /// <summary>Category tags in order of first appearance.</summary>
    public string[] Categories { get; }

    public Dictionary<string, int> TagIndex { get; }

    public Dictionary<string, int> CategoryIndex { get; }

    public int Count => Tags.Length;

    private static EventTypeCatalog Load()
    {
        using var stream = typeof(EventTypeCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        var tags = new List<string>(640);
        var categoryOf = new List<int>(640);
        var descriptions = new List<string>(640);
        var categories = new List<string>(32);
        var categoryIndex = new Dictionary<string, int>(StringComparer.Ordinal);

        _ = reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            var columns = line.Split('\t');
            if (columns.Length != 3)
            {
                throw new InvalidOperationException($"Malformed event type line: {line}");
            }

            if (!categoryIndex.TryGetValue(columns[1], out var category))
            {
                category = categories.Count;
                categories.Add(columns[1]);
                categoryIndex.Add(columns[1], category);
            }

            tags.Add(columns[0]);
            categoryOf.Add(category);
            descriptions.Add(columns[2]);
        }

        return new EventTypeCatalog([.. tags], [.. categoryOf], [.. descriptions], [.. categories]);
    }
}
