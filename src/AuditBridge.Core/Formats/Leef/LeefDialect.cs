using System.Buffers;
using System.Collections.Frozen;
using AuditBridge.Formats.KeyValue;

namespace AuditBridge.Formats.Leef;

/// <summary>
/// LEEF 2.0 as data for the key=value engine (docs/formats/leef.md): keys with their limits, the header's sanitizing,
/// and the rule for section names as keys. What depends on the delimiter (attribute values, section JSON, the
/// separator) comes from <see cref="LeefDelimiter"/>; <see cref="For"/> puts the two together.
/// </summary>
/// <remarks>
/// LEEF 2.0 has no escape mechanism (reference §1.8), so characters that would break a record are <em>replaced</em>:
/// by their fullwidth forms where a reader should still see them, by a space where they are controls or line breaks.
/// </remarks>
internal static class LeefDialect
{
    /// <summary>Longest section name used as a key.</summary>
    public const int MaxSectionKeyLength = 64;

    /// <summary>Limit of section JSON in UTF-16 code units as written (CEF's csN limit; LEEF documents none).</summary>
    public const int SectionLimit = 4000;

    /// <summary>
    /// Header field (vendor, product, version, event id): <c>|</c> → <c>｜</c> (U+FF5C), <c>\</c> → <c>＼</c> (U+FF3C), every
    /// C0 control, NEL, LS and PS → space. The backslash too: a parser that honours CEF's <c>\|</c> (several generic
    /// CEF/LEEF parsers share code) would otherwise read <c>action\|^|</c> as an escaped pipe.
    /// </summary>
    public static KeyValueEscaping Header { get; } = KeyValueEscaping.Create(
        new Dictionary<char, string> { ['|'] = LeefDelimiter.Fullwidth('|'), ['\\'] = LeefDelimiter.Fullwidth('\\') }, lineBreak: " ");

    private static readonly SearchValues<char> KeyCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");

    /// <summary>
    /// Keys a section may not take: IBM's predefined LEEF attributes (a custom key must not reuse one) and this
    /// format's own keys (the delimiter is a header field, never a key), compared ignoring case.
    /// </summary>
    private static readonly FrozenSet<string> Reserved = new[]
    {
        "cat", "devTime", "devTimeFormat", "proto", "sev", "src", "dst", "srcPort", "dstPort", "srcPreNAT", "dstPreNAT",
        "srcPostNAT", "dstPostNAT", "usrName", "srcMAC", "dstMAC", "srcPreNATPort", "dstPreNATPort", "srcPostNATPort",
        "dstPostNATPort", "identSrc", "identHostName", "identNetBios", "identGrpName", "identMAC", "vSrc", "vSrcName",
        "accountName", "srcBytes", "dstBytes", "srcPackets", "dstPackets", "totalPackets", "role", "realm", "policy",
        "resource", "url", "groupID", "domain", "isLoginEvent", "isLogoutEvent", "identSecondlp", "calLanguage",
        "calCountryOrRegion",
    }.Concat(Enum.GetValues<LeefKey>().Where(key => key != LeefKey.Delimiter).Select(key => Describe(key).Name)).ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    // After Header and Reserved, which Create reads: static initializers run in textual order.
    private static readonly KeyValueDialect<LeefKey> Caret = Create(LeefDelimiter.Caret);

    /// <summary>The dialect for <paramref name="delimiter"/>.</summary>
    public static KeyValueDialect<LeefKey> For(LeefDelimiter delimiter) => delimiter == LeefDelimiter.Caret ? Caret : Create(delimiter);

    /// <summary>
    /// Whether a section name can be a key: an ASCII letter, then letters, digits or <c>_</c>, at most 64 characters,
    /// and not an IBM predefined key or one of this format's own (ignoring case).
    /// </summary>
    public static bool IsUsableSectionKey(string name) =>
        name.Length is > 0 and <= MaxSectionKeyLength
        && char.IsAsciiLetter(name[0])
        && !name.AsSpan().ContainsAnyExcept(KeyCharacters)
        && !Reserved.Contains(name);

    private static KeyValueDialect<LeefKey> Create(LeefDelimiter delimiter) => new(Describe)
    {
        Name = "LEEF",
        Signature = "LEEF:2.0|"u8.ToArray(),
        ProductKeys = (LeefKey.Vendor, LeefKey.Product, LeefKey.Version),
        Header = Header,
        Values = delimiter.Values,
        Separator = (byte)delimiter.Value,
        JsonRewrite = delimiter.Json,
        TruncationOpening = "truncated="u8.ToArray(),
    };

    private static KeyValueKey Describe(LeefKey key) => key switch
    {
        LeefKey.Vendor => new("vendor", 63),
        LeefKey.Product => new("product", 63),
        LeefKey.Version => new("version", 31),

        // IBM: "The EventID field cannot exceed 255 characters"; usrName is limited to 255, and targetUser follows it.
        LeefKey.EventId => new("eventId", 255),
        LeefKey.Delimiter => new("delimiter"),
        LeefKey.DevTime => new("devTime"),
        LeefKey.Sev => new("sev"),
        LeefKey.Cat => new("cat", 1023, ShortenedToFit: true),
        LeefKey.ExternalId => new("externalId", 1023),
        LeefKey.Outcome => new("outcome", 1023),
        LeefKey.UsrName => new("usrName", 255, ShortenedToFit: true),
        LeefKey.ActorId => new("actorId", 1023),
        LeefKey.Role => new("role", 1023),
        LeefKey.TargetUser => new("targetUser", 255, ShortenedToFit: true),
        LeefKey.TargetId => new("targetId", 1023),
        LeefKey.TargetRole => new("targetRole", 1023),
        LeefKey.Src => new("src", 1023),
        LeefKey.Msg => new("msg", 1023, ShortenedToFit: true),
        LeefKey.ObjectKind => new("objectKind", 1023),
        LeefKey.ObjectName => new("objectName", 1023, ShortenedToFit: true),
        LeefKey.ObjectPath => new("objectPath", 1023, ShortenedToFit: true),
        LeefKey.ObjectId => new("objectId", 1023),
        LeefKey.Section => new("section", SectionLimit),
        _ => new("truncated"),
    };
}
