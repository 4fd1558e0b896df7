using AuditBridge.Formats.KeyValue;

namespace AuditBridge.Formats.Cef;

/// <summary>
/// CEF:0 as data for the key=value engine (docs/formats/cef.md): keys with their ArcSight dictionary limits (reference
/// §1.1, §1.5, §6.4), and the escaping of header fields and extension values (reference §0.2, §0.3, §6.1).
/// </summary>
internal static class CefDialect
{
    /// <summary>Characters (UTF-16 code units) ArcSight keeps of a <c>csN</c> value.</summary>
    public const int CustomStringLimit = 4000;

    /// <summary>Characters ArcSight keeps of <c>externalId</c>; a longer id is also written whole to <c>flexString1</c>.</summary>
    public const int ExternalIdLimit = 40;

    private const string Digits = "123456";

    /// <summary>
    /// Header field: <c>\</c> → <c>\\</c>, <c>|</c> → <c>\|</c>; CR, LF, TAB, every other C0 control, NEL, LS and PS →
    /// space (CEF has no escape for a line break in the header).
    /// </summary>
    public static KeyValueEscaping Header { get; } = KeyValueEscaping.Create(
        new Dictionary<char, string> { ['\\'] = @"\\", ['|'] = @"\|" }, lineBreak: " ");

    /// <summary>
    /// Extension value: <c>\</c> → <c>\\</c>, <c>=</c> → <c>\=</c>, CR → <c>\r</c>, LF, NEL, LS and PS → <c>\n</c>, TAB
    /// and every other C0 control → space (CEF has no escape for them and liblognorm rejects <c>\t</c>); never <c>\|</c>
    /// (liblognorm rejects it in the extension). Section JSON is written through it too, after NEL, LS and PS became
    /// JSON escapes, so a receiver that unescapes gets the exact JSON back.
    /// </summary>
    public static KeyValueEscaping Extension { get; } = KeyValueEscaping.Create(
        new Dictionary<char, string> { ['\\'] = @"\\", ['='] = @"\=", ['\r'] = @"\r", ['\n'] = @"\n" }, lineBreak: @"\n");

    /// <summary>The dialect.</summary>
    public static KeyValueDialect<CefKey> Value { get; } = new(Describe)
    {
        Name = "CEF",
        Signature = "CEF:0|"u8.ToArray(),
        ProductKeys = (CefKey.DeviceVendor, CefKey.DeviceProduct, CefKey.DeviceVersion),
        Header = Header,
        Values = Extension,
        Separator = (byte)' ',

        // Parsers disagree about trailing spaces before the next key (spec v26, "several spaces").
        TrimsValues = true,
        EscapesJson = true,
        JsonWireMeasure = JsonMeasure.CefEscapedBytes,
        TruncationOpening = "flexString2="u8.ToArray(),
        TruncationClosing = " flexString2Label=truncated"u8.ToArray(),
    };

    /// <summary>The <c>csN</c> key for section index 0..5.</summary>
    public static CefKey CustomString(int index) => (CefKey)((int)CefKey.Cs1 + (2 * index));

    /// <summary>The <c>csNLabel</c> key for section index 0..5.</summary>
    public static CefKey CustomStringLabel(int index) => (CefKey)((int)CefKey.Cs1Label + (2 * index));

    private static KeyValueKey Describe(CefKey key) => key switch
    {
        // Header fields go by their specification names in flexString2.
        CefKey.DeviceVendor => new("deviceVendor", 63),
        CefKey.DeviceProduct => new("deviceProduct", 63),
        CefKey.DeviceVersion => new("deviceVersion", 31),
        CefKey.DeviceEventClassId => new("deviceEventClassId", 1023),
        CefKey.Name => new("name", 512, ShortenedToFit: true),
        CefKey.Severity => new("severity"),
        CefKey.Rt => new("rt"),
        CefKey.End => new("end"),
        CefKey.ExternalId => new("externalId", ExternalIdLimit),
        CefKey.Cat => new("cat", 1023, ShortenedToFit: true),
        CefKey.Act => new("act", 63),
        CefKey.Outcome => new("outcome", 63),
        CefKey.Suser => new("suser", 1023, ShortenedToFit: true),
        CefKey.Suid => new("suid", 1023),
        CefKey.Spriv => new("spriv", 1023),
        CefKey.Duser => new("duser", 1023, ShortenedToFit: true),
        CefKey.Duid => new("duid", 1023),
        CefKey.Dpriv => new("dpriv", 1023),
        CefKey.Src => new("src", 1023),
        CefKey.C6a2 => new("c6a2"),
        CefKey.C6a2Label => new("c6a2Label", 1023),
        CefKey.Fname => new("fname", 1023, ShortenedToFit: true),
        CefKey.FilePath => new("filePath", 1023, ShortenedToFit: true),
        CefKey.FileId => new("fileId", 1023),
        CefKey.FlexString1 => new("flexString1", 1023),
        CefKey.FlexString1Label => new("flexString1Label", 1023),
        _ when ((key - CefKey.Cs1) % 2) == 0 => new("cs" + Digits[(key - CefKey.Cs1) / 2], CustomStringLimit),
        _ => new("cs" + Digits[(key - CefKey.Cs1Label) / 2] + "Label", 1023),
    };
}
