using System.Text;

namespace AuditBridge.Formats.Cef;

/// <summary>Wire names and ArcSight dictionary limits of <see cref="CefKey"/> (reference §1.1, §1.5, §6.4).</summary>
internal static class CefKeys
{
    /// <summary>Characters (UTF-16 code units) ArcSight keeps of a <c>csN</c> value.</summary>
    public const int CustomStringLimit = 4000;

    /// <summary>Characters ArcSight keeps of <c>externalId</c>.</summary>
    public const int ExternalIdLimit = 40;

    private const string Digits = "123456";

    private static readonly string[] Names = BuildNames();
    private static readonly byte[][] Prefixes = Names.Select(name => Encoding.ASCII.GetBytes(name + "=")).ToArray();
    private static readonly int[] Limits = BuildLimits();

    /// <summary>Number of keys (the numeric range of <see cref="CefKey"/>).</summary>
    public static int Count => Names.Length;

    /// <summary>The key as written on the wire and listed in <c>flexString2</c> (header fields use the spec's field names).</summary>
    public static string NameOf(CefKey key) => Names[(int)key];

    /// <summary><c>key=</c> as ASCII bytes.</summary>
    public static ReadOnlySpan<byte> PrefixOf(CefKey key) => Prefixes[(int)key];

    /// <summary>Dictionary length limit in characters.</summary>
    public static int LimitOf(CefKey key) => Limits[(int)key];

    /// <summary>The <c>csN</c> key for section index 0..5.</summary>
    public static CefKey CustomString(int index) => (CefKey)((int)CefKey.Cs1 + (2 * index));

    /// <summary>The <c>csNLabel</c> key for section index 0..5.</summary>
    public static CefKey CustomStringLabel(int index) => (CefKey)((int)CefKey.Cs1Label + (2 * index));

    /// <summary>Whether <paramref name="key"/> is one of <c>cs1..cs6</c> (a JSON value).</summary>
    public static bool IsCustomString(CefKey key) => key is >= CefKey.Cs1 and <= CefKey.Cs6Label && ((key - CefKey.Cs1) % 2) == 0;

    private static string[] BuildNames()
    {
        var names = new string[Enum.GetValues<CefKey>().Length];
        foreach (var key in Enum.GetValues<CefKey>())
        {
            names[(int)key] = key switch
            {
                CefKey.DeviceVendor => "deviceVendor",
                CefKey.DeviceProduct => "deviceProduct",
                CefKey.DeviceEventClassId => "deviceEventClassId",
                CefKey.Name => "name",
                CefKey.Rt => "rt",
                CefKey.End => "end",
                CefKey.ExternalId => "externalId",
                CefKey.Cat => "cat",
                CefKey.Act => "act",
                CefKey.Outcome => "outcome",
                CefKey.Suser => "suser",
                CefKey.Suid => "suid",
                CefKey.Spriv => "spriv",
                CefKey.Duser => "duser",
                CefKey.Duid => "duid",
                CefKey.Dpriv => "dpriv",
                CefKey.Src => "src",
                CefKey.C6a2 => "c6a2",
                CefKey.C6a2Label => "c6a2Label",
                CefKey.Fname => "fname",
                CefKey.FilePath => "filePath",
                CefKey.FileId => "fileId",
                CefKey.FlexString1 => "flexString1",
                CefKey.FlexString1Label => "flexString1Label",
                _ when IsCustomString(key) => "cs" + Digits[(key - CefKey.Cs1) / 2],
                _ => "cs" + Digits[(key - CefKey.Cs1Label) / 2] + "Label",
            };
        }

        return names;
    }

    private static int[] BuildLimits()
    {
        var limits = new int[Enum.GetValues<CefKey>().Length];
        foreach (var key in Enum.GetValues<CefKey>())
        {
            limits[(int)key] = key switch
            {
                CefKey.DeviceVendor or CefKey.DeviceProduct => 63,
                CefKey.DeviceEventClassId => 1023,
                CefKey.Name => 512,
                CefKey.ExternalId => ExternalIdLimit,
                CefKey.Act or CefKey.Outcome => 63,
                _ when IsCustomString(key) => CustomStringLimit,
                _ => 1023,
            };
        }

        return limits;
    }
}
