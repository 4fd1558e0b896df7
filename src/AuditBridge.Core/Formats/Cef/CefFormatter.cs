using System.Buffers;
using AuditBridge.Events;
using AuditBridge.Formats.KeyValue;

namespace AuditBridge.Formats.Cef;

/// <summary>
/// ArcSight CEF:0 records (docs/formats/cef.md): <see cref="CefDialect"/> written by the key=value engine, with the
/// key layout of the chosen profile (CefFormatter.Layout.cs).
/// </summary>
internal sealed partial class CefFormatter : IEventFormatter, IKeyValueLayout<CefKey>
{
    private readonly KeyValueRecordWriter<CefKey> _writer;
    private readonly bool _dropboxBlog;

    /// <exception cref="ArgumentException">The profile is unknown, or a vendor is listed twice.</exception>
    public CefFormatter(CefFormatterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.Equals(options.Profile, CefProfiles.DropboxBlog, StringComparison.OrdinalIgnoreCase))
        {
            _dropboxBlog = true;
        }
        else if (!string.Equals(options.Profile, CefProfiles.Default, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"Unknown CEF profile '{options.Profile}'; expected one of: {string.Join(", ", CefProfiles.All)}.", nameof(options));
        }

        _writer = new KeyValueRecordWriter<CefKey>(CefDialect.Value, options.Products);
    }

    /// <inheritdoc/>
    public string Name => "cef";

    /// <inheritdoc/>
    public FormatResult Format(AuditEvent auditEvent, IBufferWriter<byte> output, int maxBytes = int.MaxValue) =>
        _writer.Write(auditEvent, output, maxBytes, this);

    /// <inheritdoc/>
    public int MaxFields(AuditEvent auditEvent) => MaxFieldCount;

    /// <inheritdoc/>
    public void Build(AuditEvent auditEvent, ref KeyValueFieldList<CefKey> fields)
    {
        if (_dropboxBlog)
        {
            BuildDropboxBlog(auditEvent, ref fields);
        }
        else
        {
            BuildDefault(auditEvent, ref fields);
        }
    }
}
