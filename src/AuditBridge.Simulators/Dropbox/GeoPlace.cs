namespace AuditBridge.Simulators.Dropbox;

/// <summary>
/// A <c>GeoLocationLogInfo</c> template. <see cref="IpPrefix"/> is a documentation-range prefix (RFC 5737, RFC 3849)
/// completed per event, so addresses vary without ever naming a real host.
/// </summary>
internal sealed record GeoPlace(JsonEncodedText? City, JsonEncodedText? Region, JsonEncodedText? Country, string IpPrefix, bool IsIPv6);
