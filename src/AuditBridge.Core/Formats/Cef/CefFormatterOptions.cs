namespace AuditBridge.Formats.Cef;

/// <summary>Options of the <c>cef</c> format.</summary>
public sealed record CefFormatterOptions
{
    /// <summary>
    /// Key layout: <see cref="CefProfiles.Default"/> (<c>default</c>, the default) or <see cref="CefProfiles.DropboxBlog"/>
    /// (<c>dropbox-blog</c>). Compared ignoring case; any other value is rejected when the formatter is created.
    /// </summary>
    public string Profile { get; init; } = CefProfiles.Default;
}
