using System.Collections.Frozen;

namespace AuditBridge.Events.Severity;

/// <summary>Mutable form of a <see cref="SeverityPolicy"/> while files are merged into it.</summary>
internal sealed class SeverityPolicyDraft
{
    public SeverityPolicyDraft(int defaultSeverity) => DefaultSeverity = defaultSeverity;

    public int DefaultSeverity { get; set; }

    public Dictionary<string, VendorDraft> Vendors { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static SeverityPolicyDraft From(int defaultSeverity, IReadOnlyDictionary<string, VendorSeverity> vendors)
    {
        var draft = new SeverityPolicyDraft(defaultSeverity);
        foreach (var (name, vendor) in vendors)
        {
            var copy = draft.Vendor(name);
            copy.Default = vendor.Default;
            foreach (var (key, value) in vendor.Categories)
            {
                copy.Categories[key] = value;
            }

            foreach (var (key, value) in vendor.EventTypes)
            {
                copy.EventTypes[key] = value;
            }
        }

        return draft;
    }

    public VendorDraft Vendor(string name)
    {
        if (!Vendors.TryGetValue(name, out var vendor))
        {
            vendor = new VendorDraft();
            Vendors[name] = vendor;
        }

        return vendor;
    }

    public FrozenDictionary<string, VendorSeverity> Freeze() => Vendors.ToFrozenDictionary(
        pair => pair.Key,
        pair => new VendorSeverity(
            pair.Value.Default,
            pair.Value.Categories.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase),
            pair.Value.EventTypes.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase)),
        StringComparer.OrdinalIgnoreCase);

    /// <summary>One vendor while merging.</summary>
    internal sealed class VendorDraft
    {
        public int? Default { get; set; }

        public Dictionary<string, int> Categories { get; } = new(StringComparer.OrdinalIgnoreCase);

        public Dictionary<string, int> EventTypes { get; } = new(StringComparer.OrdinalIgnoreCase);
    }
}
