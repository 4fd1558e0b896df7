using System.Collections.Frozen;

namespace AuditBridge.Events.Severity;

/// <summary>
/// Maps a vendor event to a CEF severity 0..10. The policy is data: built-in defaults (an embedded JSON file holding
/// Dropbox's per-category table from its 2020 CEF sample plus high-risk event types), optionally merged with a user
/// file, and a configurable default for everything no entry matches (docs/formats/severity.md).
/// </summary>
/// <remarks>
/// Immutable and safe to share between threads; the <c>With*</c> methods return a new policy. Names compare ignoring
/// case, so <c>DOWNLOAD</c> and <c>download</c> are the same event type.
/// </remarks>
public sealed class SeverityPolicy
{
    /// <summary>Lowest severity (CEF "Low" starts here).</summary>
    public const int MinSeverity = 0;

    /// <summary>Highest severity (CEF "Very-High" ends here).</summary>
    public const int MaxSeverity = 10;

    /// <summary>The default severity of the built-in policy, for events no entry matches: 5 (CEF "Medium").</summary>
    public const int BuiltInDefaultSeverity = 5;

    private const string ResourceName = "AuditBridge.Events.Severity.severity-defaults.json";

    private static readonly Lazy<SeverityPolicy> BuiltInPolicy = new(LoadBuiltIn);

    private readonly FrozenDictionary<string, VendorSeverity> _vendors;

    private SeverityPolicy(int defaultSeverity, FrozenDictionary<string, VendorSeverity> vendors)
    {
        DefaultSeverity = defaultSeverity;
        _vendors = vendors;
    }

    /// <summary>The built-in policy (embedded <c>severity-defaults.json</c>), default severity 5.</summary>
    public static SeverityPolicy BuiltIn => BuiltInPolicy.Value;

    /// <summary>Severity of events that no event type, category or vendor default matches (the CLI's <c>--default-severity</c>).</summary>
    public int DefaultSeverity { get; }

    /// <summary>Vendor keys the policy has entries for.</summary>
    public IReadOnlyCollection<string> Vendors => _vendors.Keys;

    /// <summary>
    /// The severity of an event: the vendor's entry for <paramref name="action"/> (event type), else for
    /// <paramref name="category"/>, else the vendor's default, else <see cref="DefaultSeverity"/>. Never throws for
    /// unknown or null names.
    /// </summary>
    public int Resolve(string? vendor, string? category, string? action)
    {
        if (vendor is not null && _vendors.TryGetValue(vendor, out var rules))
        {
            if (action is not null && rules.EventTypes.TryGetValue(action, out var byType))
            {
                return byType;
            }

            if (category is not null && rules.Categories.TryGetValue(category, out var byCategory))
            {
                return byCategory;
            }

            if (rules.Default is { } vendorDefault)
            {
                return vendorDefault;
            }
        }

        return DefaultSeverity;
    }

    /// <summary>A copy whose <see cref="DefaultSeverity"/> is <paramref name="severity"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="severity"/> is outside 0..10.</exception>
    public SeverityPolicy WithDefaultSeverity(int severity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(severity, MinSeverity);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(severity, MaxSeverity);
        return new SeverityPolicy(severity, _vendors);
    }

    /// <summary>
    /// A copy with the policy document <paramref name="json"/> (a user's file, read by the caller) merged over this
    /// policy: each category, event type and default in it replaces the one here (<c>null</c> removes it); everything
    /// else is kept. <paramref name="sourceName"/> (the file's path) names it in error messages.
    /// </summary>
    /// <exception cref="SeverityPolicyException">The document is malformed; the message names source, line, column and key.</exception>
    public SeverityPolicy WithJson(ReadOnlySpan<byte> json, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(sourceName);

        // A UTF-8 byte order mark (Windows editors add one) is not JSON; skip it.
        if (json.StartsWith("\uFEFF"u8))
        {
            json = json[3..];
        }

        var draft = SeverityPolicyDraft.From(DefaultSeverity, _vendors);
        SeverityDocumentReader.Apply(json, sourceName, draft);
        return new SeverityPolicy(draft.DefaultSeverity, draft.Freeze());
    }

    private static SeverityPolicy LoadBuiltIn()
    {
        using var stream = typeof(SeverityPolicy).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource '{ResourceName}' is missing from {typeof(SeverityPolicy).Assembly.GetName().Name}.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var empty = new SeverityPolicy(BuiltInDefaultSeverity, FrozenDictionary<string, VendorSeverity>.Empty);
        return empty.WithJson(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), "severity-defaults.json (built in)");
    }
}
