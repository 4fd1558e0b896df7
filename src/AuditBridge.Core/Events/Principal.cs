namespace AuditBridge.Events;

/// <summary>A user, group, app or the vendor itself, acting or acted upon.</summary>
/// <param name="Kind">What sort of principal this is.</param>
/// <param name="Id">The vendor's most specific id (for Dropbox the team member id, else the account id).</param>
/// <param name="Email">E-mail address, when known.</param>
/// <param name="Name">Display name, when known.</param>
public sealed record Principal(PrincipalKind Kind, string? Id = null, string? Email = null, string? Name = null);
