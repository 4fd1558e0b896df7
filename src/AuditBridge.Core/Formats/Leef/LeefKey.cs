namespace AuditBridge.Formats.Leef;

/// <summary>
/// Every field a LEEF record can carry, in wire order, which is also the order of the <c>truncated</c> attribute.
/// Attribute keys come only from this list or from the mapper's section names (checked by
/// <see cref="LeefDialect.IsUsableSectionKey"/>), never from vendor data. Names and limits are in <see cref="LeefDialect"/>.
/// </summary>
internal enum LeefKey : byte
{
    // Header fields (listed in the truncated attribute when cut).
    Vendor,
    Product,
    Version,
    EventId,
    Delimiter,

    // Attributes.
    DevTime,
    Sev,
    Cat,
    ExternalId,
    Outcome,
    UsrName,
    ActorId,
    Role,
    TargetUser,
    TargetId,
    TargetRole,
    Src,
    Msg,
    ObjectKind,
    ObjectName,
    ObjectPath,
    ObjectId,

    /// <summary>A section; its key is the section's name.</summary>
    Section,

    /// <summary>The list of cut values, always last.</summary>
    Truncated,
}
