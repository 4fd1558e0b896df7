namespace AuditBridge.Simulators.Dropbox;

/// <summary>Whether <c>origin</c> is present and what its <c>geo_location</c> looks like (A.9.3).</summary>
internal enum OriginKind : byte
{
    Absent,
    GeoIPv4,
    GeoIPv6,
    NoGeo,
}
