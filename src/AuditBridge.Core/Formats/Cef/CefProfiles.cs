namespace AuditBridge.Formats.Cef;

/// <summary>Names of the CEF key layouts, as used in configuration (<see cref="CefFormatterOptions.Profile"/>).</summary>
public static class CefProfiles
{
    /// <summary>
    /// <c>default</c>: actor in <c>suser</c>/<c>suid</c>, target in <c>duser</c>/<c>duid</c>, sections in
    /// <c>cs1..cs6</c> by position (docs/formats/cef.md).
    /// </summary>
    public const string Default = "default";

    /// <summary>
    /// <c>dropbox-blog</c>: the key layout of Dropbox's 2020 sample script (actor in <c>duser</c>/<c>duid</c>,
    /// <c>cs1</c> details, <c>cs2</c> actor, <c>cs3</c> origin, <c>cs4</c> assets) for SIEM content built on it, with
    /// valid JSON and escaping, plus <c>externalId</c>.
    /// </summary>
    public const string DropboxBlog = "dropbox-blog";

    /// <summary>Every profile name.</summary>
    public static IReadOnlyList<string> All { get; } = [Default, DropboxBlog];
}
