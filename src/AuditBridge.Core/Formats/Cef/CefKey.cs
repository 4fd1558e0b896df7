namespace AuditBridge.Formats.Cef;

/// <summary>
/// Every field a CEF record can carry. Extension keys come only from this list, never from data (reference §0.4).
/// The numeric order is the order of names in <c>flexString2</c>; names and limits are in <see cref="CefDialect"/>.
/// </summary>
internal enum CefKey : byte
{
    DeviceVendor,
    DeviceProduct,
    DeviceVersion,
    DeviceEventClassId,
    Name,
    Severity,
    Rt,
    End,
    ExternalId,
    Cat,
    Act,
    Outcome,
    Suser,
    Suid,
    Spriv,
    Duser,
    Duid,
    Dpriv,
    Src,
    C6a2,
    C6a2Label,
    Fname,
    FilePath,
    FileId,
    Cs1,
    Cs1Label,
    Cs2,
    Cs2Label,
    Cs3,
    Cs3Label,
    Cs4,
    Cs4Label,
    Cs5,
    Cs5Label,
    Cs6,
    Cs6Label,
    FlexString1,
    FlexString1Label,
}
