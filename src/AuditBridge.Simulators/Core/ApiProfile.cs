namespace AuditBridge.Simulators.Core;

/// <summary>What a vendor's simulated API is, the same for every instance: its routes and the details of its answers.</summary>
/// <param name="Vendor">Lower-case vendor name; keys the issued tokens, so one vendor's tokens never pass at another's simulator.</param>
/// <param name="Routes">The vendor's routes.</param>
/// <param name="RequestIdHeader">The response header that carries each request's id (<c>X-Dropbox-Request-Id</c>).</param>
/// <param name="RequestIdPurpose">Keys the request ids with the options' seed, so equal options give equal ids.</param>
/// <param name="TokenPrefix">What issued access tokens start with (Dropbox's short-lived tokens start <c>sl.</c>).</param>
/// <param name="StatusContentType">The content type of a <c>status</c> fault posted to the control endpoint without one.</param>
internal sealed record ApiProfile(
    string Vendor,
    RouteTable Routes,
    string RequestIdHeader,
    ulong RequestIdPurpose,
    string TokenPrefix,
    string StatusContentType);
