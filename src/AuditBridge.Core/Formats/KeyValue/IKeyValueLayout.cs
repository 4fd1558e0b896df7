using AuditBridge.Events;

namespace AuditBridge.Formats.KeyValue;

/// <summary>A dialect's layout: which event property goes to which key, in wire order.</summary>
internal interface IKeyValueLayout<TKey>
    where TKey : unmanaged, Enum
{
    /// <summary>The most fields <see cref="Build"/> adds for <paramref name="auditEvent"/> (sizes the field storage).</summary>
    int MaxFields(AuditEvent auditEvent);

    /// <summary>Adds the header fields that follow the vendor prefix, then the extension values.</summary>
    void Build(AuditEvent auditEvent, ref KeyValueFieldList<TKey> fields);
}
