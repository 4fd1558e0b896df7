namespace AuditBridge.Formats.KeyValue;

/// <summary>How a <see cref="KeyValueField"/> holds its value, and so how it is written.</summary>
internal enum KeyValueValueKind : byte
{
    /// <summary>A prefix of <see cref="KeyValueField.Text"/>, escaped for its position, optionally followed by the marker.</summary>
    Text,

    /// <summary>Fixed ASCII bytes in <see cref="KeyValueField.Utf8"/> with nothing to escape (a label, <c>admin</c>): copied.</summary>
    Literal,

    /// <summary>A section's compact JSON in <see cref="KeyValueField.Utf8"/>, prepared by the dialect; shortened to fit a budget first.</summary>
    Json,

    /// <summary>An integer in <see cref="KeyValueField.Number"/>, in decimal.</summary>
    Number,

    /// <summary>An address in <see cref="KeyValueField.Address"/>, in canonical form.</summary>
    Address,
}
