using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AuditBridge.Sources.Json;

namespace AuditBridge.Sources.Dashlane;

/// <summary>
/// The log-type table (dashlane-log-types.json, embedded): documented messages, where their placeholders are found in
/// <c>properties</c>, and which placeholder names the target user or the touched item. Renders a log's description.
/// Immutable; safe to share.
/// </summary>
internal sealed class DashlaneLogTypes
{
    /// <summary>The placeholder the data file uses for the documentation's "(user)": the author's login.</summary>
    public const string AuthorPlaceholder = "author";

    private const string ResourceName = "AuditBridge.Sources.Dashlane.dashlane-log-types.json";

    private static readonly Lazy<DashlaneLogTypes> BuiltInTable = new(LoadBuiltIn);

    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private static readonly string[] AuthorKeys = ["author_login"];

    private readonly FrozenDictionary<string, DashlaneLogType> _types;

    private DashlaneLogTypes(FrozenDictionary<string, DashlaneLogType> types) => _types = types;

    public static DashlaneLogTypes BuiltIn => BuiltInTable.Value;

    public int Count => _types.Count;

    public IEnumerable<string> Names => _types.Keys;

    public DashlaneLogType? Find(string logType) => _types.GetValueOrDefault(logType);

    /// <summary>Reads a table; a malformed one is a build defect, so this throws <see cref="InvalidDataException"/>.</summary>
    public static DashlaneLogTypes Parse(ReadOnlyMemory<byte> json)
    {
        using var document = JsonDocument.Parse(json, DocumentOptions);
        if (JsonRead.Object(document.RootElement, "log_types"u8) is not { } types)
        {
            throw new InvalidDataException("dashlane-log-types.json has no 'log_types' object.");
        }

        var table = new Dictionary<string, DashlaneLogType>(StringComparer.Ordinal);
        foreach (var entry in types.EnumerateObject())
        {
            var placeholders = new Dictionary<string, string[]>(StringComparer.Ordinal);
            if (JsonRead.Object(entry.Value, "placeholders"u8) is { } aliases)
            {
                foreach (var alias in aliases.EnumerateObject())
                {
                    placeholders[JsonRead.Name(alias)] = [.. alias.Value.EnumerateArray().Select(k => k.ValueKind == JsonValueKind.String ? JsonRead.Text(k) : throw new InvalidDataException($"log type {JsonRead.Name(entry)}: placeholder keys must be strings."))];
                }
            }

            var item = JsonRead.Object(entry.Value, "object"u8);
            table[JsonRead.Name(entry)] = new DashlaneLogType(
                JsonRead.String(entry.Value, "message"u8),
                placeholders.ToFrozenDictionary(StringComparer.Ordinal),
                JsonRead.String(entry.Value, "target_email"u8),
                JsonRead.String(entry.Value, "target_name"u8),
                JsonRead.String(item, "kind"u8),
                JsonRead.String(item, "name"u8));
        }

        return new DashlaneLogTypes(table.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>
    /// The human text of a log: the documented message with its placeholders filled from <paramref name="properties"/>
    /// (a placeholder no property fills reads <c>{name}</c>), or the log type in words when no message is documented.
    /// </summary>
    public static string Describe(string logType, DashlaneLogType? type, JsonElement? properties)
    {
        if (type?.Message is not { } message)
        {
            return Words(logType);
        }

        var text = new StringBuilder(message.Length + 32);
        var at = 0;
        while (true)
        {
            var open = message.IndexOf("%(", at, StringComparison.Ordinal);
            var close = open < 0 ? -1 : message.IndexOf(")s", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                text.Append(message, at, message.Length - at);
                return text.ToString();
            }

            text.Append(message, at, open - at);
            var name = message[(open + 2)..close];
            text.Append(Value(name, type, properties) ?? "{" + name + "}");
            at = close + 2;
        }
    }

    /// <summary>
    /// The value of a placeholder: the keys the table lists for it, then the placeholder itself, then its snake_case form
    /// (<c>groupName</c> → <c>group_name</c>). Strings as they are, numbers as written, objects and arrays as compact JSON.
    /// </summary>
    public static string? Value(string placeholder, DashlaneLogType? type, JsonElement? properties)
    {
        if (properties is not { ValueKind: JsonValueKind.Object } bag)
        {
            return null;
        }

        var aliases = placeholder == AuthorPlaceholder ? AuthorKeys : type?.Placeholders.GetValueOrDefault(placeholder) ?? [];
        foreach (var key in aliases)
        {
            if (Read(bag, key) is { } aliased)
            {
                return aliased;
            }
        }

        return Read(bag, placeholder) ?? (SnakeCase(placeholder) is var snake && snake != placeholder ? Read(bag, snake) : null);
    }

    /// <summary><c>user_device_added</c> → "User device added".</summary>
    public static string Words(string logType)
    {
        var words = logType.Replace('_', ' ').Trim();
        return words.Length == 0 ? logType : char.ToUpperInvariant(words[0]) + words[1..];
    }

    internal static string SnakeCase(string name)
    {
        var snake = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsAsciiLetterUpper(c))
            {
                if (snake.Length > 0)
                {
                    snake.Append('_');
                }

                snake.Append(char.ToLowerInvariant(c));
            }
            else
            {
                snake.Append(c);
            }
        }

        return snake.ToString();
    }

    private static string? Read(JsonElement properties, string key)
    {
        if (!JsonRead.TryGetProperty(properties, key, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => JsonRead.Text(value) is { Length: > 0 } text ? text : null,
            JsonValueKind.Number => JsonRead.RawText(value),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Object or JsonValueKind.Array => Encoding.UTF8.GetString(CompactJson.From(value)),
            _ => null,
        };
    }

    private static DashlaneLogTypes LoadBuiltIn()
    {
        using var stream = typeof(DashlaneLogTypes).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"The embedded resource '{ResourceName}' is missing from {typeof(DashlaneLogTypes).Assembly.GetName().Name}."));
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Parse(buffer.ToArray());
    }
}
