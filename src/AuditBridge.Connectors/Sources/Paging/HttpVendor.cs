using AuditBridge.Secrets;
using AuditBridge.Sources.Http;
using AuditBridge.Sources.OAuth;

namespace AuditBridge.Sources.Paging;

/// <summary>How an HTTP vendor is reached: its endpoints, its HTTP settings, the secrets to redact and its token policy.</summary>
/// <param name="Name">Vendor name for messages and the logger category (<c>Dropbox</c>: <c>AuditBridge.Sources.Dropbox</c>).</param>
/// <param name="ApiUrl">Where the audit log API lives.</param>
/// <param name="OAuthUrl">Where the token endpoint lives.</param>
/// <param name="Http">Retries, waits and limits of every call, the token requests' included.</param>
/// <param name="Secrets">Every configured secret, registered with the redactor before anything can fail with a message.</param>
/// <param name="Policy">The token policy; called once the secrets are registered (it may import a key, and fail).</param>
internal sealed record HttpVendor(string Name, Uri ApiUrl, Uri OAuthUrl, VendorHttpOptions Http, IEnumerable<Secret> Secrets, Func<TokenPolicy> Policy);
