using AuditBridge.Secrets;

namespace AuditBridge.Sources.Box;

/// <summary>
/// What a JWT (server authentication with a key pair) app needs, as the Box Developer Console writes it into the app's
/// <c>config.json</c> (read it with <see cref="BoxAppConfig.Load"/>). The service account of the enterprise is the subject.
/// </summary>
public sealed record BoxJwtSettings
{
    /// <summary>The app's client id (<c>boxAppSettings.clientID</c>): the JWT's <c>iss</c>, and <c>client_id</c> of the token request.</summary>
    public required Secret ClientId { get; init; }

    /// <summary>The app's client secret (<c>boxAppSettings.clientSecret</c>).</summary>
    public required Secret ClientSecret { get; init; }

    /// <summary>The id of the public key Box holds for the app (<c>boxAppSettings.appAuth.publicKeyID</c>): the JWT header's <c>kid</c>.</summary>
    public required string PublicKeyId { get; init; }

    /// <summary>The PEM private key (<c>boxAppSettings.appAuth.privateKey</c>): encrypted PKCS#8 as Box generates it, or unencrypted PKCS#8/PKCS#1.</summary>
    public required Secret PrivateKey { get; init; }

    /// <summary>The passphrase of an encrypted <see cref="PrivateKey"/> (<c>boxAppSettings.appAuth.passphrase</c>, or an override); null for an unencrypted key.</summary>
    public Secret? Passphrase { get; init; }

    /// <summary>The enterprise id (<c>enterpriseID</c>): the JWT's <c>sub</c>, with <c>box_sub_type=enterprise</c>.</summary>
    public required Secret EnterpriseId { get; init; }

    /// <summary>Where these settings were read from (a file path), for messages.</summary>
    public string Origin { get; init; } = "the Box app config";

    /// <summary>Every secret, for redaction.</summary>
    public IEnumerable<Secret> All() => new[] { ClientId, ClientSecret, PrivateKey, Passphrase, EnterpriseId }.OfType<Secret>();
}
