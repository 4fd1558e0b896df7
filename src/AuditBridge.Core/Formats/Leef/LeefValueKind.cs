namespace AuditBridge.Formats.Leef;

/// <summary>How a <see cref="LeefField"/> holds its value.</summary>
internal enum LeefValueKind : byte
{
    /// <summary>A prefix of <see cref="LeefField.Text"/>, optionally followed by the truncation marker.</summary>
    Text,

    /// <summary>UTF-8 bytes in <see cref="LeefField.Utf8"/> that are already safe on the wire: section JSON or a fixed literal.</summary>
    Utf8,

    /// <summary>An integer in <see cref="LeefField.Number"/>.</summary>
    Number,

    /// <summary>An address in <see cref="LeefField.Address"/>, written in canonical form.</summary>
    Address,
}
