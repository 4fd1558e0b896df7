using System.Text;
using AuditBridge.Events;

namespace AuditBridge.Journal.Query;

/// <summary>
/// Which stored events a query selects: every condition given must hold (AND); a list matches any of its values (OR);
/// a condition left null selects everything. <see cref="Matches"/> is the definition every journal's query must agree
/// with (the contract tests compare them).
/// </summary>
public sealed record EventQuery
{
    /// <summary>Events that happened at or after this instant (event time, millisecond precision); null: no lower bound.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Events that happened before this instant (exclusive); null: no upper bound.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Vendor keys, any of them; exact.</summary>
    public IReadOnlyList<string>? Vendors { get; init; }

    /// <summary>Configured source names, any of them; exact.</summary>
    public IReadOnlyList<string>? Sources { get; init; }

    /// <summary>Vendor categories, any of them; exact.</summary>
    public IReadOnlyList<string>? Categories { get; init; }

    /// <summary>Vendor event types, any of them; exact.</summary>
    public IReadOnlyList<string>? Actions { get; init; }

    /// <summary>The actor's e-mail address or name equals this, ignoring the case of ASCII letters.</summary>
    public string? Actor { get; init; }

    /// <summary>The target's e-mail address or name equals this, ignoring the case of ASCII letters.</summary>
    public string? Target { get; init; }

    /// <summary>
    /// The path of the event's first object starts with this, segment by segment: <c>/Finance</c> selects
    /// <c>/Finance</c> and <c>/Finance/Q2/x.xlsx</c>, not <c>/Financial</c>. A trailing slash is ignored; case counts.
    /// </summary>
    public string? ObjectPathPrefix { get; init; }

    /// <summary>The origin IP address equals this, as the vendor wrote it.</summary>
    public string? Ip { get; init; }

    /// <summary>Severity at or above this (0..10).</summary>
    public int? MinSeverity { get; init; }

    /// <summary>Severity at or below this (0..10).</summary>
    public int? MaxSeverity { get; init; }

    /// <summary>
    /// Free text: the description, or the vendor's raw JSON as written, contains this, ignoring the case of ASCII
    /// letters (compared as UTF-8 bytes). The raw JSON holds every value of the event, escaped as the vendor escaped it.
    /// </summary>
    public string? Text { get; init; }

    /// <summary>Selects everything.</summary>
    public static EventQuery All { get; } = new();

    /// <summary>Whether <paramref name="auditEvent"/> is selected; the definition a journal's query implements.</summary>
    public bool Matches(AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        var ms = auditEvent.Time.ToUnixTimeMilliseconds();
        return (From is not { } from || ms >= from.ToUnixTimeMilliseconds())
            && (To is not { } to || ms < to.ToUnixTimeMilliseconds())
            && AnyOf(Vendors, auditEvent.Vendor)
            && AnyOf(Sources, auditEvent.Source)
            && AnyOf(Categories, auditEvent.Category)
            && AnyOf(Actions, auditEvent.Action)
            && Is(Actor, auditEvent.Actor)
            && Is(Target, auditEvent.Target)
            && (ObjectPathPrefix is not { } prefix || IsUnder(FirstObjectPath(auditEvent), prefix))
            && (Ip is null || string.Equals(Ip, auditEvent.Ip, StringComparison.Ordinal))
            && (MinSeverity is not { } min || auditEvent.Severity >= min)
            && (MaxSeverity is not { } max || auditEvent.Severity <= max)
            && (Text is null || ContainsIgnoringAsciiCase(auditEvent.Description is { } description ? Encoding.UTF8.GetBytes(description) : [], Text) || ContainsIgnoringAsciiCase(auditEvent.Raw.Span, Text));
    }

    /// <summary>The path a query's <see cref="ObjectPathPrefix"/> is compared with: the first object's.</summary>
    public static string? FirstObjectPath(AuditEvent auditEvent) => auditEvent.Objects.Count > 0 ? auditEvent.Objects[0].Path : null;

    /// <summary>The value an event counts under for <paramref name="field"/>; null when it has none.</summary>
    public static string? ValueOf(AuditEvent auditEvent, EventField field) => field switch
    {
        EventField.Vendor => auditEvent.Vendor,
        EventField.Source => auditEvent.Source,
        EventField.Category => auditEvent.Category,
        EventField.Action => auditEvent.Action,
        EventField.Actor => auditEvent.Actor?.Email ?? auditEvent.Actor?.Name,
        EventField.Target => auditEvent.Target?.Email ?? auditEvent.Target?.Name,
        EventField.Ip => auditEvent.Ip,
        EventField.Severity => auditEvent.Severity.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };

    /// <summary><paramref name="path"/> is <paramref name="prefix"/> or below it (see <see cref="ObjectPathPrefix"/>).</summary>
    public static bool IsUnder(string? path, string prefix)
    {
        var trimmed = prefix.TrimEnd('/');
        if (path is null)
        {
            return false;
        }

        return trimmed.Length == 0
            ? path.StartsWith('/')
            : path.StartsWith(trimmed, StringComparison.Ordinal) && (path.Length == trimmed.Length || path[trimmed.Length] == '/');
    }

    /// <summary><paramref name="text"/> with A–Z lowered and nothing else changed: the only case folding a query does.</summary>
    public static string AsciiLower(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            span[i] = char.IsAsciiLetterUpper(source[i]) ? (char)(source[i] | 0x20) : source[i];
        }
    });

    private static bool AnyOf(IReadOnlyList<string>? values, string value) => values is null || values.Contains(value, StringComparer.Ordinal);

    private static bool Is(string? wanted, Principal? principal) =>
        wanted is null
        || (principal is not null && (EqualsIgnoringAsciiCase(principal.Email, wanted) || EqualsIgnoringAsciiCase(principal.Name, wanted)));

    private static bool EqualsIgnoringAsciiCase(string? a, string b) => a is not null && string.Equals(AsciiLower(a), AsciiLower(b), StringComparison.Ordinal);

    private static bool ContainsIgnoringAsciiCase(ReadOnlySpan<byte> utf8, string wanted)
    {
        var needle = Encoding.UTF8.GetBytes(AsciiLower(wanted));
        var folded = utf8.ToArray();
        for (var i = 0; i < folded.Length; i++)
        {
            if (folded[i] is >= (byte)'A' and <= (byte)'Z')
            {
                folded[i] |= 0x20;
            }
        }

        return folded.AsSpan().IndexOf(needle) >= 0;
    }
}
