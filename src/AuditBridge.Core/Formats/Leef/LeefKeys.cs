using System.Buffers;
using System.Collections.Frozen;

namespace AuditBridge.Formats.Leef;

/// <summary>Names, wire prefixes and length limits of the LEEF keys (docs/formats/leef.md has the table).</summary>
internal static class LeefKeys
{
    /// <summary>Longest section name used as a key.</summary>
    public const int MaxSectionKeyLength = 64;

    /// <summary>Limit of section JSON in UTF-16 code units as written (CEF's csN limit; LEEF documents none).</summary>
    public const int SectionLimit = 4000;

    private static readonly string[] Names =
    [
        "vendor", "product", "version", "eventId",
        "devTime", "sev", "cat", "externalId", "outcome", "usrName", "actorId", "role", "targetUser", "targetId",
        "targetRole", "src", "msg", "objectKind", "objectName", "objectPath", "objectId", "section", "truncated",
    ];

    private static readonly byte[][] Prefixes = [.. Names.Select(name => System.Text.Encoding.ASCII.GetBytes(name + "="))];

    private static readonly SearchValues<char> KeyCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");

    /// <summary>
    /// Keys a section may not take: IBM's predefined LEEF attributes (a custom key must not reuse one) and this
    /// format's own keys, compared ignoring case.
    /// </summary>
    private static readonly FrozenSet<string> Reserved = new[]
    {
        "cat", "devTime", "devTimeFormat", "proto", "sev", "src", "dst", "srcPort", "dstPort", "srcPreNAT", "dstPreNAT",
        "srcPostNAT", "dstPostNAT", "usrName", "srcMAC", "dstMAC", "srcPreNATPort", "dstPreNATPort", "srcPostNATPort",
        "dstPostNATPort", "identSrc", "identHostName", "identNetBios", "identGrpName", "identMAC", "vSrc", "vSrcName",
        "accountName", "srcBytes", "dstBytes", "srcPackets", "dstPackets", "totalPackets", "role", "realm", "policy",
        "resource", "url", "groupID", "domain", "isLoginEvent", "isLogoutEvent", "identSecondlp", "calLanguage",
        "calCountryOrRegion",
    }.Concat(Names).ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The key as written (header fields by their field name).</summary>
    public static string NameOf(LeefKey key) => Names[(int)key];

    /// <summary><c>key=</c> as UTF-8 (not for <see cref="LeefKey.Section"/>).</summary>
    public static ReadOnlySpan<byte> PrefixOf(LeefKey key) => Prefixes[(int)key];

    /// <summary>Limit in UTF-16 code units, before sanitizing; <see cref="int.MaxValue"/> for values that are never cut.</summary>
    public static int LimitOf(LeefKey key) => key switch
    {
        LeefKey.Vendor or LeefKey.Product => 63,
        LeefKey.Version => 31,

        // IBM: "The EventID field cannot exceed 255 characters"; usrName is limited to 255.
        LeefKey.EventId or LeefKey.UsrName or LeefKey.TargetUser => 255,
        LeefKey.Section => SectionLimit,
        _ => 1023,
    };

    /// <summary>
    /// Whether a section name can be a key: an ASCII letter, then letters, digits or <c>_</c>, at most 64 characters,
    /// and not <see cref="Reserved"/>.
    /// </summary>
    public static bool IsUsableSectionKey(string name) =>
        name.Length is > 0 and <= MaxSectionKeyLength
        && char.IsAsciiLetter(name[0])
        && !name.AsSpan().ContainsAnyExcept(KeyCharacters)
        && !Reserved.Contains(name);
}
