namespace AuditBridge.Formats.KeyValue;

/// <summary>The keys a principal (actor or target) is written to (<see cref="KeyValueFieldList{TKey}.AddOutcomeAndParties"/>).</summary>
/// <param name="User">Its user name: the e-mail address, else the display name.</param>
/// <param name="Id">Its id.</param>
/// <param name="Admin">Where <c>admin</c> goes when it is an administrator.</param>
internal readonly record struct KeyValuePrincipalKeys<TKey>(TKey User, TKey Id, TKey Admin)
    where TKey : unmanaged, Enum;
