namespace AuditBridge.Simulators.Core;

/// <summary>What a vendor's tokens look like and what keys them.</summary>
/// <param name="Vendor">Lower-case vendor name; part of the HMAC key, so one vendor's tokens never pass at another's simulator.</param>
/// <param name="Prefix">What issued tokens start with (Dropbox's short-lived tokens start <c>sl.</c>).</param>
/// <param name="StaticToken">A token the API routes accept for ever (a long-lived or developer token).</param>
/// <param name="ClientSecret">The app's client secret: part of the HMAC key, so a changed secret revokes every token.</param>
internal sealed record TokenSettings(string Vendor, string Prefix, string StaticToken, string ClientSecret);
